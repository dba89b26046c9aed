namespace Cassette.Cli.Diffing;

/// <summary>The last line of every diff output.</summary>
internal static class DiffSummary
{
    public static string Text(IReadOnlyList<CassetteDiff> diffs, int compared) =>
        diffs.Count == 0
            ? $"No semantic changes in {compared} {Plural(compared, "cassette")}."
            : $"{diffs.Count} of {compared} {Plural(compared, "cassette")} changed.";

    public static string Describe(CassetteDiff diff) => diff.Kind switch
    {
        ChangeKind.Added => $"added, {diff.Interactions.Count} {Plural(diff.Interactions.Count, "interaction")}",
        ChangeKind.Removed => $"removed, {diff.Interactions.Count} {Plural(diff.Interactions.Count, "interaction")}",
        _ => $"{diff.Interactions.Count} {Plural(diff.Interactions.Count, "interaction")} changed",
    };

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
