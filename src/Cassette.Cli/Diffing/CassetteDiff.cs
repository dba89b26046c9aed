namespace Cassette.Cli.Diffing;

/// <summary>The semantic changes of one cassette. <see cref="Path"/> is the path to show and to annotate.</summary>
internal sealed record CassetteDiff(string Path, ChangeKind Kind, IReadOnlyList<InteractionDiff> Interactions);
