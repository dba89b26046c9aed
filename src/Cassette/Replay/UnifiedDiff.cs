using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace Cassette;

/// <summary>
/// Line diffs computed with DiffPlex: cut into hunks (<see cref="Hunks"/>, also used by
/// <c>cassette diff</c>), or written in unified format (<c>---</c>/<c>+++</c> labels, <c>@@</c> hunks, 3 lines of context).
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    // How much of each text's differing middle goes to DiffPlex; the output is cut at maxLines
    // anyway, and the first difference is at the start of the middle.
    private const int MaxComparedChars = 256 * 1024;

    public static string Create(string oldText, string newText, string oldLabel, string newLabel, int maxLines = 150)
    {
        // DiffPlex's cost grows with the product of the texts' lengths, and two 50 MB bodies
        // differing in one line are mostly equal lines: only the differing middle, with its
        // context lines, is diffed. Line numbers in the hunks still count from the top.
        var (skippedLines, oldMiddle, newMiddle) = DifferingMiddle(oldText, newText);

        // Whitespace matters: an indentation change in pretty-printed JSON is a structural change.
        var result = new Differ().CreateLineDiffs(oldMiddle, newMiddle, ignoreWhitespace: false);
        var blocks = result.DiffBlocks;
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        if (blocks.Count == 0)
        {
            return output.Append("(no line differs)\n").ToString();
        }

        int written = 0;
        foreach (var hunk in Cut(result, Context))
        {
            output.Append("@@ -").Append(skippedLines + hunk.StartA + 1).Append(',').Append(hunk.EndA - hunk.StartA)
                .Append(" +").Append(skippedLines + hunk.StartB + 1).Append(',').Append(hunk.EndB - hunk.StartB).Append(" @@\n");
            foreach (var (kind, index) in hunk.Lines)
            {
                if (written == maxLines)
                {
                    return output.Append("… (diff cut after ").Append(maxLines).Append(" lines)\n").ToString();
                }

                output.Append(kind).Append(kind == '+' ? result.PiecesNew[index] : result.PiecesOld[index]).Append('\n');
                written++;
            }
        }

        return output.ToString();
    }

    /// <summary>
    /// The hunks of a diff of two lists of lines, with <paramref name="context"/> unchanged lines
    /// around each change; the hunks' indexes are indexes into the lists.
    /// </summary>
    public static List<LineDiffHunk> Hunks(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, int context)
    {
        ArgumentNullException.ThrowIfNull(oldLines);
        ArgumentNullException.ThrowIfNull(newLines);

        // DiffPlex's line diff splits text at \r as well as \n and gives a text ending in a line
        // break one more (empty) line, so its lines are not the caller's. Each distinct line
        // becomes a number here, and the numbers are the pieces, one for one.
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        string Encode(IReadOnlyList<string> lines) => string.Join('\n', lines.Select(line =>
            numbers.TryGetValue(line, out int n) ? n : numbers[line] = numbers.Count));
        var result = new Differ().CreateCustomDiffs(
            Encode(oldLines), Encode(newLines), ignoreWhiteSpace: false, text => text.Length == 0 ? [] : text.Split('\n'));
        return Cut(result, context);
    }

    // Cuts a DiffPlex diff into hunks whose indexes are indexes into its pieces.
    private static List<LineDiffHunk> Cut(DiffResult result, int context)
    {
        var blocks = result.DiffBlocks;
        var hunks = new List<LineDiffHunk>();
        int first = 0;
        while (first < blocks.Count)
        {
            // Blocks closer than twice the context share one hunk.
            int last = first;
            while (last + 1 < blocks.Count
                && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * context)
            {
                last++;
            }

            int startA = Math.Max(0, blocks[first].DeleteStartA - context);
            int startB = blocks[first].InsertStartB - (blocks[first].DeleteStartA - startA);
            int lastEndA = blocks[last].DeleteStartA + blocks[last].DeleteCountA;
            int endA = Math.Min(result.PiecesOld.Length, lastEndA + context);
            int endB = blocks[last].InsertStartB + blocks[last].InsertCountB + (endA - lastEndA);

            var lines = new List<(char, int)>();
            int a = startA;
            for (int k = first; k <= last; k++)
            {
                var block = blocks[k];
                for (; a < block.DeleteStartA; a++)
                {
                    lines.Add((' ', a));
                }

                for (int i = 0; i < block.DeleteCountA; i++)
                {
                    lines.Add(('-', block.DeleteStartA + i));
                }

                for (int i = 0; i < block.InsertCountB; i++)
                {
                    lines.Add(('+', block.InsertStartB + i));
                }

                a = block.DeleteStartA + block.DeleteCountA;
            }

            for (; a < endA; a++)
            {
                lines.Add((' ', a));
            }

            hunks.Add(new LineDiffHunk(startA, endA, startB, endB, lines));
            first = last + 1;
        }

        return hunks;
    }

    private static (int SkippedLines, string OldMiddle, string NewMiddle) DifferingMiddle(string oldText, string newText)
    {
        int prefix = oldText.AsSpan().CommonPrefixLength(newText);
        if (prefix == oldText.Length && prefix == newText.Length)
        {
            return (0, oldText, newText);
        }

        // Back up to the start of the line holding the first difference, then Context lines more.
        int start = prefix;
        for (int lines = 0; start > 0; start--)
        {
            if (oldText[start - 1] == '\n' && lines++ == Context)
            {
                break;
            }
        }

        int skippedLines = oldText.AsSpan(0, start).Count('\n');
        var oldRest = oldText.AsSpan(start);
        var newRest = newText.AsSpan(start);
        int suffix = 0;
        int maxSuffix = Math.Min(oldRest.Length, newRest.Length);
        while (suffix < maxSuffix && oldRest[^(suffix + 1)] == newRest[^(suffix + 1)])
        {
            suffix++;
        }

        return (skippedLines, Middle(oldRest, suffix), Middle(newRest, suffix));
    }

    private static string Middle(ReadOnlySpan<char> rest, int commonSuffix)
    {
        // Keep the differing part up to the end of its line, then Context lines more.
        int end = rest.Length - commonSuffix;
        for (int lines = 0; end < rest.Length; end++)
        {
            if (rest[end] == '\n' && lines++ == Context)
            {
                break;
            }
        }

        if (end > MaxComparedChars)
        {
            int cut = rest[..MaxComparedChars].LastIndexOf('\n');
            end = cut > 0 ? cut : MaxComparedChars;
        }

        return rest[..end].ToString();
    }
}
