namespace Cassette;

/// <summary>How a replaying handler spaces out responses in time, from each interaction's recorded <c>duration</c>.</summary>
public enum ReplayPacing
{
    /// <summary>No delay: responses and every streamed event are available at once. Tests run fast.</summary>
    None,

    /// <summary>
    /// Wait the recorded duration (the time until the response headers arrived) before the
    /// response is returned, as go-vcr does; the body then comes at once.
    /// </summary>
    BeforeResponse,

    /// <summary>
    /// Return the response at once and spread the recorded duration evenly over the streamed
    /// events: each event of a <c>text/event-stream</c> body, and each line of a newline-delimited
    /// JSON body (<c>application/x-ndjson</c>), waits its share before it is delivered. A
    /// response that is not streamed waits the whole duration before it is returned.
    /// </summary>
    SpreadOverEvents,
}
