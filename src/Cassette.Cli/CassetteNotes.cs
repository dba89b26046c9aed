namespace Cassette.Cli;

/// <summary>
/// What a reader of a cassette file should know beyond its interactions: that it is in go-vcr's
/// version 1 format, or that more YAML documents follow the cassette. Information, not problems.
/// </summary>
internal static class CassetteNotes
{
    /// <summary>The note about the documents after the cassette, if the file has any.</summary>
    public static (int Line, string Text)? TrailingDocuments(CassetteFile cassette) =>
        cassette.Trailing is { } trailing
            ? (trailing.Line, $"{(trailing.Count == 1 ? "1 more YAML document follows" : $"{trailing.Count} more YAML documents follow")} the cassette, from line {trailing.Line}. " +
                "go-vcr reads only the first document; Cassette keeps the others byte for byte when it saves the file.")
            : null;

    /// <summary>What a version 1 cassette is, and how to convert it.</summary>
    public static string VersionOne(string file) =>
        "version 1 cassette (go-vcr v1 and v2's format): Cassette replays it, but go-vcr v3 and v4 reject it and Cassette does not record into it. " +
        $"Run 'cassette format --write --upgrade {file}' to convert it to version 2; every value is kept.";

    /// <summary>Every note for the file, in line order.</summary>
    public static IEnumerable<(int Line, string Text)> All(CassetteFile cassette, string file)
    {
        if (cassette.Version == 1)
        {
            yield return (1, VersionOne(file));
        }

        if (TrailingDocuments(cassette) is { } trailing)
        {
            yield return trailing;
        }
    }
}
