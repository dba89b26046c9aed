namespace Cassette;

/// <summary>
/// How a <see cref="ReplayingHandler"/> matches requests and plays interactions. The handler
/// takes a copy when it is created: later changes to an options object do not affect it.
/// </summary>
/// <remarks>
/// A request matches an interaction when its method, URL and body match, plus every header in
/// <see cref="MatchedHeaders"/> and every matcher in <see cref="Matchers"/>.
/// </remarks>
public sealed class ReplayOptions
{
    /// <summary>Names of request headers whose values must also be equal (names ignore case).</summary>
    /// <value>Empty: headers are not compared, since clients add machine-specific ones such as <c>User-Agent</c>.</value>
    public IList<string> MatchedHeaders { get; } = new List<string>();

    /// <summary>
    /// JSON paths of request body values to leave out of the body comparison, such as
    /// <c>$.stream_options</c>, <c>$.messages[0].content</c>, <c>$['user id']</c> or <c>$..obfuscation</c>
    /// (any depth). A value missing from one body and present in the other then matches too.
    /// </summary>
    /// <value>Empty: the whole body is compared.</value>
    public IList<string> IgnoredJsonPaths { get; } = new List<string>();

    /// <summary>Names of URL query parameters to leave out of the URL comparison, such as an API <c>key</c>.</summary>
    /// <value>Empty: every query parameter is compared (in any order).</value>
    public IList<string> IgnoredQueryParameters { get; } = new List<string>();

    /// <summary>Further matchers that must all accept a request on top of the method, URL and body comparison.</summary>
    /// <value>Empty.</value>
    public IList<IRequestMatcher> Matchers { get; } = new List<IRequestMatcher>();

    /// <summary>
    /// Whether an interaction may be played more than once. The first unplayed match in file
    /// order still wins; when every match has been played, the first match is played again.
    /// </summary>
    /// <value><see langword="false"/>: each interaction is played once, as go-vcr does.</value>
    public bool AllowRepeats { get; set; }

    /// <summary>How responses are spaced out in time.</summary>
    /// <value><see cref="ReplayPacing.None"/>: no delays.</value>
    public ReplayPacing Pacing { get; set; } = ReplayPacing.None;

    /// <summary>A factor applied to every pacing delay: <c>0.5</c> replays twice as fast as recorded.</summary>
    /// <value><c>1.0</c>: as recorded.</value>
    public double PacingScale { get; set; } = 1.0;

    /// <summary>The clock pacing delays are measured with; tests can pass a fake one.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A copy whose lists can be extended without touching this instance.</summary>
    internal ReplayOptions Clone()
    {
        var copy = new ReplayOptions
        {
            AllowRepeats = AllowRepeats,
            Pacing = Pacing,
            PacingScale = PacingScale,
            TimeProvider = TimeProvider,
        };
        AddAll(copy.MatchedHeaders, MatchedHeaders);
        AddAll(copy.IgnoredJsonPaths, IgnoredJsonPaths);
        AddAll(copy.IgnoredQueryParameters, IgnoredQueryParameters);
        AddAll(copy.Matchers, Matchers);
        return copy;
    }

    private static void AddAll<T>(IList<T> target, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            target.Add(item);
        }
    }
}
