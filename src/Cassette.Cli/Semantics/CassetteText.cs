using System.Text.RegularExpressions;

namespace Cassette.Cli.Semantics;

/// <summary>Finds where things are in a cassette's text, for messages that name a line.</summary>
internal static partial class CassetteText
{
    /// <summary>The 1-based line of each interaction's <c>- id: N</c>, in file order.</summary>
    public static List<int> InteractionLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<int>();
        int line = 1;
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            var span = end < 0 ? text.AsSpan(start) : text.AsSpan(start, end - start);
            if (IdLine().IsMatch(span))
            {
                lines.Add(line);
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
            line++;
        }

        return lines;
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="value"/> at or after <paramref name="fromLine"/>, or 0.</summary>
    public static int FindLine(string text, string value, int fromLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        int offset = OffsetOfLine(text, fromLine);
        int at = offset < 0 ? -1 : text.IndexOf(value, offset, StringComparison.Ordinal);
        return at < 0 ? 0 : LineAt(text, at);
    }

    /// <summary>Whether a YAML file looks like a cassette rather than another YAML file (a workflow, a config).</summary>
    public static bool LooksLikeCassette(string text) =>
        text.StartsWith("interactions:", StringComparison.Ordinal) || text.Contains("\ninteractions:", StringComparison.Ordinal);

    public static int LineAt(string text, int offset)
    {
        int line = 1;
        for (int i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static int OffsetOfLine(string text, int line)
    {
        int offset = 0;
        for (int i = 1; i < line; i++)
        {
            offset = text.IndexOf('\n', offset);
            if (offset < 0)
            {
                return -1;
            }

            offset++;
        }

        return offset;
    }

    [GeneratedRegex(@"^\s*- id: \d+\s*$")]
    private static partial Regex IdLine();
}
