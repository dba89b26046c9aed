using System.Net.ServerSentEvents;
using System.Text;

namespace Cassette.Cli.Semantics;

/// <summary>The events of a streamed body (<c>text/event-stream</c>, or newline-delimited JSON), decoded.</summary>
internal static class StreamBody
{
    /// <summary>
    /// The events in order, cut where replay cuts them (the library's <c>SseEvents.Split</c> and
    /// <c>NdjsonLines.Split</c>); <see langword="null"/> when the headers do not name a streamed body.
    /// </summary>
    public static List<StreamEvent>? Parse(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, ReadOnlyMemory<byte> body) =>
        SseEvents.IsEventStream(headers) ? ParseEvents(body)
        : NdjsonLines.IsNdjson(headers) ? ParseLines(body)
        : null;

    // Decoded with System.Net.ServerSentEvents; comment-only events are left out.
    private static List<StreamEvent> ParseEvents(ReadOnlyMemory<byte> body)
    {
        var events = new List<StreamEvent>();
        int start = 0;
        foreach (int end in SseEvents.Split(body.Span))
        {
            using var stream = new MemoryStream(body[start..end].ToArray(), writable: false);
            foreach (var item in SseParser.Create(stream).Enumerate())
            {
                events.Add(new StreamEvent(item.EventType, item.Data));
            }

            start = end;
        }

        return events;
    }

    // Blank lines carry nothing and are left out.
    private static List<StreamEvent> ParseLines(ReadOnlyMemory<byte> body)
    {
        var events = new List<StreamEvent>();
        int start = 0;
        foreach (int end in NdjsonLines.Split(body.Span))
        {
            string line = Encoding.UTF8.GetString(body.Span[start..end]).TrimEnd('\n', '\r');
            if (line.Length > 0)
            {
                events.Add(new StreamEvent(SseParser.EventTypeDefault, line));
            }

            start = end;
        }

        return events;
    }
}
