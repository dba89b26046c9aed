namespace Cassette.Cli.Diffing;

/// <summary>A run of changed lines with a little context, headed by where it is (a JSON path, an event).</summary>
internal sealed record DiffHunk(string Header, IReadOnlyList<DiffLine> Lines);
