namespace Cassette.Cli.Diffing;

/// <summary>
/// Renders a diff as GitHub Actions workflow commands: one annotation per changed interaction,
/// on the line where it starts.
/// </summary>
internal static class GithubDiffRenderer
{
    public static void Render(IReadOnlyList<CassetteDiff> diffs, int compared, TextWriter output)
    {
        foreach (var diff in diffs)
        {
            if (diff.Kind != ChangeKind.Changed)
            {
                output.WriteLine($"::notice file={Property(diff.Path)},title={Property($"Cassette {DiffSummary.Describe(diff)}")}::{Data(diff.Path)}");
                continue;
            }

            foreach (var interaction in diff.Interactions)
            {
                var detail = interaction.Sections.Select(s => $"{s.Title}: {string.Join(", ", s.Hunks.Select(h => h.Header))}");
                string message = string.Join("\n", detail.Prepend(interaction.Title));
                output.WriteLine($"::notice file={Property(diff.Path)},line={interaction.Line},title={Property(interaction.Title)}::{Data(message)}");
            }
        }

        output.WriteLine(DiffSummary.Text(diffs, compared));
    }

    private static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
