namespace Cassette;

/// <summary>
/// A built-in matcher that reduces a request to a canonical text and compares texts, so that
/// recorded requests are reduced once and the handler can look matches up in an index.
/// </summary>
internal abstract class CanonicalMatcher : IRequestMatcher
{
    public abstract string Canonicalize(RecordedRequest request);

    /// <summary>The same text for a request being replayed, from what it has at hand.</summary>
    public virtual string Canonicalize(LiveRequest request) => Canonicalize(request.Recorded);

    public bool Matches(RecordedRequest request, RecordedRequest recorded)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recorded);
        return string.Equals(Canonicalize(request), Canonicalize(recorded), StringComparison.Ordinal);
    }
}
