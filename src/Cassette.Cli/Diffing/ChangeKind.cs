namespace Cassette.Cli.Diffing;

/// <summary>How a cassette or an interaction differs between the old and the new side.</summary>
internal enum ChangeKind
{
    Changed,
    Added,
    Removed,
}
