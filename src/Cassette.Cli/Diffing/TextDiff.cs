using Cassette.Cli.Semantics;
using DiffPlex;

namespace Cassette.Cli.Diffing;

/// <summary>Line diffs by DiffPlex, cut into hunks with context and headed by the first changed line's path.</summary>
internal static class TextDiff
{
    public static List<DiffHunk> Hunks(IReadOnlyList<PathLine> oldLines, IReadOnlyList<PathLine> newLines, Func<int?, int?, string>? header = null, int context = 2)
    {
        // Whitespace is meaning here: an indentation change in pretty JSON is a structure change.
        var result = new Differ().CreateLineDiffs(JsonLines.ToText(oldLines), JsonLines.ToText(newLines), ignoreWhitespace: false);
        var hunks = new List<DiffHunk>();
        int b = 0;
        while (b < result.DiffBlocks.Count)
        {
            // Blocks closer than twice the context share one hunk.
            int last = b;
            while (last + 1 < result.DiffBlocks.Count
                && result.DiffBlocks[last + 1].DeleteStartA - (result.DiffBlocks[last].DeleteStartA + result.DiffBlocks[last].DeleteCountA) <= 2 * context)
            {
                last++;
            }

            var first = result.DiffBlocks[b];
            var lines = new List<DiffLine>();
            int a = Math.Max(0, first.DeleteStartA - context);
            for (int k = b; k <= last; k++)
            {
                var block = result.DiffBlocks[k];
                for (; a < block.DeleteStartA; a++)
                {
                    lines.Add(new DiffLine(DiffLineKind.Context, oldLines[a].Text));
                }

                for (int i = 0; i < block.DeleteCountA; i++)
                {
                    lines.Add(new DiffLine(DiffLineKind.Removed, oldLines[block.DeleteStartA + i].Text));
                }

                for (int i = 0; i < block.InsertCountB; i++)
                {
                    lines.Add(new DiffLine(DiffLineKind.Added, newLines[block.InsertStartB + i].Text));
                }

                a = block.DeleteStartA + block.DeleteCountA;
            }

            for (int end = Math.Min(oldLines.Count, a + context); a < end; a++)
            {
                lines.Add(new DiffLine(DiffLineKind.Context, oldLines[a].Text));
            }

            int? oldIndex = first.DeleteCountA > 0 ? first.DeleteStartA : null;
            int? newIndex = first.InsertCountB > 0 ? first.InsertStartB : null;
            string title = header is not null
                ? header(oldIndex, newIndex)
                : newIndex is { } n ? newLines[n].Path : oldLines[oldIndex!.Value].Path;
            hunks.Add(new DiffHunk(title, lines));
            b = last + 1;
        }

        return hunks;
    }
}
