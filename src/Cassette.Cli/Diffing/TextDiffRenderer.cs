namespace Cassette.Cli.Diffing;

/// <summary>Renders a diff for a terminal (ANSI colours) or a log (plain text).</summary>
internal static class TextDiffRenderer
{
    private const string Bold = "\e[1m";
    private const string Red = "\e[31m";
    private const string Green = "\e[32m";
    private const string Cyan = "\e[36m";
    private const string Reset = "\e[0m";

    public static void Render(IReadOnlyList<CassetteDiff> diffs, int compared, TextWriter output, bool color)
    {
        string Paint(string code, string text) => color ? code + text + Reset : text;

        foreach (var diff in diffs)
        {
            output.WriteLine(Paint(Bold, $"{diff.Path} ({DiffSummary.Describe(diff)})"));
            foreach (var interaction in diff.Kind == ChangeKind.Changed ? diff.Interactions : [])
            {
                output.WriteLine($"  {interaction.Title}");
                foreach (var section in interaction.Sections)
                {
                    output.WriteLine($"    {section.Title}");
                    foreach (var hunk in section.Hunks)
                    {
                        output.WriteLine("      " + Paint(Cyan, $"@@ {hunk.Header} @@"));
                        foreach (var line in hunk.Lines)
                        {
                            string text = line.ToString();
                            output.WriteLine("      " + line.Kind switch
                            {
                                DiffLineKind.Removed => Paint(Red, text),
                                DiffLineKind.Added => Paint(Green, text),
                                _ => text,
                            });
                        }
                    }
                }
            }

            output.WriteLine();
        }

        output.WriteLine(DiffSummary.Text(diffs, compared));
    }
}
