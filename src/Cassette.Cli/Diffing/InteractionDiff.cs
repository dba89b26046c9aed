namespace Cassette.Cli.Diffing;

/// <summary>
/// A semantic change of one interaction. <see cref="Line"/> is where it starts in the new
/// cassette (in the old one when it was removed).
/// </summary>
internal sealed record InteractionDiff(
    ChangeKind Kind,
    int? OldId,
    int? NewId,
    string Request,
    int Line,
    IReadOnlyList<SectionDiff> Sections)
{
    public string Title => Kind switch
    {
        ChangeKind.Added => $"interaction {NewId} added: {Request}",
        ChangeKind.Removed => $"interaction {OldId} removed: {Request}",
        _ when OldId == NewId => $"interaction {NewId}: {Request}",
        _ => $"interaction {OldId} → {NewId}: {Request}",
    };
}
