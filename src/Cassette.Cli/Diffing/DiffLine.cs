namespace Cassette.Cli.Diffing;

/// <summary>One line of a hunk.</summary>
internal sealed record DiffLine(DiffLineKind Kind, string Text)
{
    /// <summary>The line as a unified diff shows it: <c>-</c>, <c>+</c> or a space, then the text.</summary>
    public override string ToString() => Kind switch
    {
        DiffLineKind.Removed => "-" + Text,
        DiffLineKind.Added => "+" + Text,
        _ => " " + Text,
    };
}
