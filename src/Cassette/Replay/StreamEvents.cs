namespace Cassette;

/// <summary>
/// Where a recorded body that a server streams piece by piece splits into its events: the events
/// of a <c>text/event-stream</c> body, the lines of a newline-delimited JSON body. Replay hands
/// them out one at a time and spreads pacing over them.
/// </summary>
internal static class StreamEvents
{
    /// <summary>
    /// The end offset of each event, adding up to the whole body; <see langword="null"/> when the
    /// response's content type is not a streamed one.
    /// </summary>
    public static int[]? Split(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, ReadOnlySpan<byte> body) =>
        SseEvents.IsEventStream(headers) ? SseEvents.Split(body)
        : NdjsonLines.IsNdjson(headers) ? NdjsonLines.Split(body)
        : null;

    /// <summary>Whether the media type of the <c>Content-Type</c> header, parameters aside, is one of <paramref name="mediaTypes"/>.</summary>
    public static bool HasMediaType(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string[] mediaTypes)
    {
        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                return values.Any(v => IsOneOf(v, mediaTypes));
            }
        }

        return false;
    }

    private static bool IsOneOf(string contentType, string[] mediaTypes)
    {
        var value = contentType.AsSpan();
        int parameters = value.IndexOf(';');
        var mediaType = (parameters < 0 ? value : value[..parameters]).Trim();
        foreach (string candidate in mediaTypes)
        {
            if (mediaType.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
