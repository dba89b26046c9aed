namespace Cassette;

/// <summary>Splits a recorded <c>text/event-stream</c> body into its events, byte for byte.</summary>
/// <remarks>
/// Written by hand rather than with System.Net.ServerSentEvents' SseParser: the parser yields
/// decoded items, while replay must hand out the recorded bytes exactly (CRLF, comments, ids
/// and all), so only the event boundaries are needed.
/// </remarks>
internal static class SseEvents
{
    private static readonly string[] s_mediaTypes = ["text/event-stream"];

    /// <summary>
    /// The end offset of each event: an event ends after the blank line that closes it (lines
    /// end in CRLF, LF or CR, as the SSE specification allows). Bytes after the last blank line
    /// form a final event, so the events always add up to the whole body.
    /// </summary>
    public static int[] Split(ReadOnlySpan<byte> body)
    {
        var ends = new List<int>();
        int lineStart = 0;
        int i = 0;
        while (i < body.Length)
        {
            byte b = body[i];
            if (b != '\n' && b != '\r')
            {
                i++;
                continue;
            }

            bool emptyLine = i == lineStart;
            i += b == '\r' && i + 1 < body.Length && body[i + 1] == '\n' ? 2 : 1;
            lineStart = i;
            if (emptyLine)
            {
                ends.Add(i);
            }
        }

        if (ends.Count == 0 || ends[^1] != body.Length)
        {
            ends.Add(body.Length);
        }

        return [.. ends];
    }

    public static bool IsEventStream(IReadOnlyDictionary<string, IReadOnlyList<string>> headers) =>
        StreamEvents.HasMediaType(headers, s_mediaTypes);
}
