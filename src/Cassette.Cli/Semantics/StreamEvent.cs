namespace Cassette.Cli.Semantics;

/// <summary>
/// One event of a streamed body: a Server-Sent Event's type (<c>message</c> unless named) and
/// data, or one line of newline-delimited JSON (type <c>message</c>).
/// </summary>
internal sealed record StreamEvent(string EventType, string Data);
