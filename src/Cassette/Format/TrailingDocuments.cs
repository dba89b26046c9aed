namespace Cassette;

/// <summary>
/// The YAML documents that follow a cassette's own in its file. go-vcr decodes the first document
/// and ignores the rest, and some test suites append a document of their own (variables, notes)
/// after go-vcr saves; Cassette keeps that text, byte for byte, at the end of the file.
/// </summary>
/// <param name="Start">Where the text starts in the file: the line after the cassette's last value.</param>
/// <param name="Line">The 1-based line <paramref name="Start"/> is on.</param>
/// <param name="Text">The text, from <paramref name="Start"/> to the end of the file: document markers, comments and documents.</param>
/// <param name="Count">How many documents it holds.</param>
internal sealed record TrailingDocuments(int Start, int Line, string Text, int Count)
{
    /// <summary>The text after the line on which the cassette's last value ends.</summary>
    public static TrailingDocuments After(string text, int lastValueEnd)
    {
        int start = lastValueEnd > 0 && text[lastValueEnd - 1] == '\n'
            ? lastValueEnd
            : text.IndexOf('\n', lastValueEnd) is int newline and >= 0 ? newline + 1 : text.Length;
        int line = text.AsSpan(0, start).Count('\n') + 1;
        string trailing = text[start..];
        return new TrailingDocuments(start, line, trailing, Math.Max(1, CountDocumentStarts(trailing)));
    }

    private static int CountDocumentStarts(string text)
    {
        // A "---" at the start of a line always starts a document: YAML forbids it inside any
        // scalar, so counting the markers counts the documents without parsing them.
        int count = 0;
        for (int start = 0; start < text.Length;)
        {
            if (text.AsSpan(start).StartsWith("---", StringComparison.Ordinal)
                && (start + 3 == text.Length || text[start + 3] is ' ' or '\t' or '\n' or '\r'))
            {
                count++;
            }

            int newline = text.IndexOf('\n', start);
            start = newline < 0 ? text.Length : newline + 1;
        }

        return count;
    }
}
