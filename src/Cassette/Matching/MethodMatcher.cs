namespace Cassette;

/// <summary>Compares HTTP methods, ignoring case.</summary>
internal sealed class MethodMatcher : CanonicalMatcher
{
    public static readonly MethodMatcher Instance = new();

    public override string Canonicalize(RecordedRequest request) => Canonicalize(request.Method);

    public override string Canonicalize(LiveRequest request) => Canonicalize(request.Method);

    public static string Canonicalize(string method) => method.ToUpperInvariant();

    public override string ToString() => "method";
}
