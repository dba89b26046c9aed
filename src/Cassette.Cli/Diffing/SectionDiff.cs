namespace Cassette.Cli.Diffing;

/// <summary>The changes in one part of an interaction: a body, the headers, the assembled message.</summary>
internal sealed record SectionDiff(string Title, IReadOnlyList<DiffHunk> Hunks);
