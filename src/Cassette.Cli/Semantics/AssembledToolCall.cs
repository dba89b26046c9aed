namespace Cassette.Cli.Semantics;

/// <summary>A tool call as the client sees it once every streamed fragment has arrived.</summary>
internal sealed record AssembledToolCall(string? Id, string Name, string Arguments);
