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
                output.WriteLine(GithubCommands.Annotation("notice", diff.Path, null, $"Cassette {DiffSummary.Describe(diff)}", diff.Path));
                continue;
            }

            foreach (var interaction in diff.Interactions)
            {
                var detail = interaction.Sections.Select(s => $"{s.Title}: {string.Join(", ", s.Hunks.Select(h => h.Header))}");
                string message = string.Join("\n", detail.Prepend(interaction.Title));
                output.WriteLine(GithubCommands.Annotation("notice", diff.Path, interaction.Line, interaction.Title, message));
            }
        }

        output.WriteLine(DiffSummary.Text(diffs, compared));
    }
}
