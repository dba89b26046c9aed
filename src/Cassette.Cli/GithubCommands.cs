namespace Cassette.Cli;

/// <summary>Escaping for GitHub Actions workflow commands (<c>::notice file=…::message</c>).</summary>
internal static class GithubCommands
{
    public static string Annotation(string level, string file, int? line, string title, string message) =>
        $"::{level} file={Property(file)}{(line is { } n ? $",line={n}" : "")},title={Property(title)}::{Data(message)}";

    private static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
