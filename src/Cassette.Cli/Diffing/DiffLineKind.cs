namespace Cassette.Cli.Diffing;

/// <summary>Whether a diff line is context, only in the old cassette, or only in the new one.</summary>
internal enum DiffLineKind
{
    Context,
    Removed,
    Added,
}
