using Cassette.Cli.Semantics;

namespace Cassette.Cli.Diffing;

/// <summary>The library's DiffPlex line diff and hunks, each hunk headed by where it is (the first changed line's path).</summary>
internal static class TextDiff
{
    public static List<DiffHunk> Hunks(IReadOnlyList<PathLine> oldLines, IReadOnlyList<PathLine> newLines, Func<int?, int?, string>? header = null, int context = 2)
    {
        // Lines are compared exactly: an indentation change in pretty JSON is a structure change.
        var hunks = new List<DiffHunk>();
        foreach (var hunk in UnifiedDiff.Hunks([.. oldLines.Select(l => l.Text)], [.. newLines.Select(l => l.Text)], context))
        {
            var lines = hunk.Lines.Select(line => line.Kind switch
            {
                '-' => new DiffLine(DiffLineKind.Removed, oldLines[line.Index].Text),
                '+' => new DiffLine(DiffLineKind.Added, newLines[line.Index].Text),
                _ => new DiffLine(DiffLineKind.Context, oldLines[line.Index].Text),
            }).ToList();
            int? oldIndex = hunk.Lines.FirstOrDefault(l => l.Kind == '-') is { Kind: '-' } removed ? removed.Index : null;
            int? newIndex = hunk.Lines.FirstOrDefault(l => l.Kind == '+') is { Kind: '+' } added ? added.Index : null;
            string title = header is not null
                ? header(oldIndex, newIndex)
                : newIndex is { } n ? newLines[n].Path : oldLines[oldIndex!.Value].Path;
            hunks.Add(new DiffHunk(title, lines));
        }

        return hunks;
    }
}
