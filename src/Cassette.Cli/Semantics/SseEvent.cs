namespace Cassette.Cli.Semantics;

/// <summary>One Server-Sent Event: its type (<c>message</c> unless named) and its data.</summary>
internal sealed record SseEvent(string EventType, string Data);
