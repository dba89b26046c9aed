namespace Cassette;

/// <summary>A matcher made of a function, named by its description in mismatch reports.</summary>
internal sealed class CustomMatcher(string description, Func<RecordedRequest, RecordedRequest, bool> matches) : IRequestMatcher
{
    public bool Matches(RecordedRequest request, RecordedRequest recorded) => matches(request, recorded);

    public override string ToString() => description;
}
