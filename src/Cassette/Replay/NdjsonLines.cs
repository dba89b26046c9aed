namespace Cassette;

/// <summary>
/// Splits a recorded newline-delimited JSON body (<c>application/x-ndjson</c>, as Ollama streams
/// its chat and generate answers) into its lines, byte for byte.
/// </summary>
internal static class NdjsonLines
{
    private static readonly string[] s_mediaTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl"];

    /// <summary>
    /// The end offset of each line: a line ends after its <c>\n</c> (a <c>\r</c> before it stays in
    /// the line). Bytes after the last <c>\n</c> form a final line, so the lines always add up to
    /// the whole body.
    /// </summary>
    public static int[] Split(ReadOnlySpan<byte> body)
    {
        var ends = new List<int>();
        int start = 0;
        int newline;
        while ((newline = body[start..].IndexOf((byte)'\n')) >= 0)
        {
            start += newline + 1;
            ends.Add(start);
        }

        if (ends.Count == 0 || ends[^1] != body.Length)
        {
            ends.Add(body.Length);
        }

        return [.. ends];
    }

    public static bool IsNdjson(IReadOnlyDictionary<string, IReadOnlyList<string>> headers) =>
        StreamEvents.HasMediaType(headers, s_mediaTypes);
}
