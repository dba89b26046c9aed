namespace Cassette.Cli.Diffing;

/// <summary>Renders a diff as GitHub-flavoured markdown, for a pull-request comment or a job summary.</summary>
internal static class MarkdownDiffRenderer
{
    public static void Render(IReadOnlyList<CassetteDiff> diffs, int compared, TextWriter output)
    {
        output.WriteLine("## Cassette changes");
        output.WriteLine();
        output.WriteLine(DiffSummary.Text(diffs, compared));
        foreach (var diff in diffs)
        {
            output.WriteLine();
            output.WriteLine($"### `{diff.Path}` ({DiffSummary.Describe(diff)})");
            foreach (var interaction in diff.Kind == ChangeKind.Changed ? diff.Interactions : [])
            {
                output.WriteLine();
                output.WriteLine($"**{Escape(interaction.Title)}**");
                foreach (var section in interaction.Sections)
                {
                    var lines = section.Hunks.SelectMany(h => h.Lines.Select(l => l.ToString()).Prepend($"@@ {h.Header} @@")).ToList();
                    string fence = Fence(lines);
                    output.WriteLine();
                    output.WriteLine(section.Title + ":");
                    output.WriteLine();
                    output.WriteLine(fence + "diff");
                    foreach (string line in lines)
                    {
                        output.WriteLine(line);
                    }

                    output.WriteLine(fence);
                }
            }
        }
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>A code fence longer than any run of backticks inside the block.</summary>
    private static string Fence(List<string> lines)
    {
        int longest = 0;
        foreach (string line in lines)
        {
            int run = 0;
            foreach (char c in line)
            {
                run = c == '`' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
        }

        return new string('`', Math.Max(3, longest + 1));
    }
}
