namespace Cassette;

/// <summary>
/// How a <see cref="ReplayingHandler"/> matches requests and plays interactions. The handler
/// takes a copy when it is created: later changes to an options object do not affect it.
/// </summary>
public sealed class ReplayOptions
{
    /// <summary>
    /// The matchers that must all accept a request for a recorded interaction to answer it,
    /// composed from <see cref="RequestMatchers"/> (and your own <see cref="IRequestMatcher"/>s).
    /// Assign a new list to relax or tighten matching:
    /// <c>Matchers = [RequestMatchers.Method(), RequestMatchers.Url("key"), RequestMatchers.Body("$.stream_options")]</c>.
    /// </summary>
    /// <remarks>
    /// Whatever the list, a recorded query parameter or JSON request value that is the redaction
    /// placeholder <see cref="RecordingOptions.Redacted"/> matches any value.
    /// </remarks>
    /// <value>
    /// <c>[RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body()]</c>: method, URL
    /// and body must match; headers are not compared, since clients add machine-specific ones
    /// such as <c>User-Agent</c>.
    /// </value>
    public IList<IRequestMatcher> Matchers { get; set; } = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body()];

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

    /// <summary>
    /// Runs on each recorded interaction when the handler is created, and returns the interaction
    /// to match and answer with, for example with a fresh date header. The cassette is not changed.
    /// </summary>
    /// <value><see langword="null"/>: interactions are replayed as recorded.</value>
    public Func<Interaction, Interaction>? BeforeReplay { get; set; }
}
