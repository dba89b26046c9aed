namespace Cassette;

/// <summary>Compares HTTP methods, ignoring case.</summary>
internal sealed class MethodMatcher : CanonicalMatcher
{
    public static readonly MethodMatcher Instance = new();

    public override string Canonicalize(RecordedRequest request) => request.Method.ToUpperInvariant();

    public override string ToString() => "method";
}
