namespace Cassette.Tests.Support;

/// <summary>Edited copies of a streamed seed, made by replacing exact text of the committed file.</summary>
internal static class SeedVariants
{
    public const string Chutes = "tool_streaming_kimi-k2_chutes.yaml";

    public static string Original => File.ReadAllText(Fixtures.Seed(Chutes));

    /// <summary>The chutes seed as a re-recording would give it: new generation ids, timestamps and durations.</summary>
    public static string ReRecorded => Replace(
        Original,
        ("gen-1758698431-gBPnHYfioe6vWXpYIu9E", "gen-1761000000-AAAAAAAAAAAAAAAAAAAA"),
        ("gen-1758698433-tlSCWJSTjZdPdmRVSdsM", "gen-1761000002-BBBBBBBBBBBBBBBBBBBB"),
        ("\"created\":1758698431", "\"created\":1761000000"),
        ("\"created\":1758698433", "\"created\":1761000002"),
        ("duration: 1.230852709s", "duration: 2.5s"),
        ("duration: 1.164862917s", "duration: 987.5ms"));

    /// <summary>
    /// The chutes seed with the tool call's location "Florence,Italy" changed to "Florence,France":
    /// the streamed argument fragment "Italy" (event 20 of interaction 0) and the arguments the
    /// second request sends back.
    /// </summary>
    public static string ChangedToolArgument => Replace(
        Original,
        ("\"arguments\":\"Italy\"", "\"arguments\":\"France\""),
        ("\\\"Florence,Italy\\\"}", "\\\"Florence,France\\\"}"));

    public static string Replace(string text, params (string Old, string New)[] replacements)
    {
        foreach (var (old, replacement) in replacements)
        {
            Assert.Contains(old, text, StringComparison.Ordinal);
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
