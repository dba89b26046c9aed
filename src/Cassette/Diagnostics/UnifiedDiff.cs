using System.Text;
using DiffPlex;

namespace Cassette;

/// <summary>A line diff in unified format (<c>---</c>/<c>+++</c> labels, <c>@@</c> hunks, 3 lines of context), computed with DiffPlex.</summary>
internal static class UnifiedDiff
{
    public static string Create(string oldText, string newText, string oldLabel, string newLabel, int maxLines = 150)
    {
        const int Context = 3;

        // Whitespace matters: an indentation change in pretty-printed JSON is a structural change.
        var result = new Differ().CreateLineDiffs(oldText, newText, ignoreWhitespace: false);
        var blocks = result.DiffBlocks;
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        if (blocks.Count == 0)
        {
            return output.Append("(no line differs)\n").ToString();
        }

        string[] oldLines = result.PiecesOld;
        string[] newLines = result.PiecesNew;
        int written = 0;
        int first = 0;
        while (first < blocks.Count)
        {
            // Blocks closer than twice the context share one hunk.
            int last = first;
            while (last + 1 < blocks.Count
                && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * Context)
            {
                last++;
            }

            int startA = Math.Max(0, blocks[first].DeleteStartA - Context);
            int startB = blocks[first].InsertStartB - (blocks[first].DeleteStartA - startA);
            int lastEndA = blocks[last].DeleteStartA + blocks[last].DeleteCountA;
            int endA = Math.Min(oldLines.Length, lastEndA + Context);
            int endB = blocks[last].InsertStartB + blocks[last].InsertCountB + (endA - lastEndA);
            output.Append("@@ -").Append(startA + 1).Append(',').Append(endA - startA)
                .Append(" +").Append(startB + 1).Append(',').Append(endB - startB).Append(" @@\n");

            var lines = new List<string>();
            int a = startA;
            for (int k = first; k <= last; k++)
            {
                var block = blocks[k];
                for (; a < block.DeleteStartA; a++)
                {
                    lines.Add(" " + oldLines[a]);
                }

                for (int i = 0; i < block.DeleteCountA; i++)
                {
                    lines.Add("-" + oldLines[block.DeleteStartA + i]);
                }

                for (int i = 0; i < block.InsertCountB; i++)
                {
                    lines.Add("+" + newLines[block.InsertStartB + i]);
                }

                a = block.DeleteStartA + block.DeleteCountA;
            }

            for (; a < endA; a++)
            {
                lines.Add(" " + oldLines[a]);
            }

            foreach (string line in lines)
            {
                if (written == maxLines)
                {
                    return output.Append("… (diff cut after ").Append(maxLines).Append(" lines)\n").ToString();
                }

                output.Append(line).Append('\n');
                written++;
            }

            first = last + 1;
        }

        return output.ToString();
    }
}
