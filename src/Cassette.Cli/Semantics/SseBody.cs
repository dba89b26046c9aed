using System.Net.ServerSentEvents;

namespace Cassette.Cli.Semantics;

/// <summary>The events of a streamed (<c>text/event-stream</c>) body, decoded.</summary>
internal static class SseBody
{
    /// <summary>
    /// The events in order, cut where replay cuts them (the library's <c>SseEvents.Split</c>) and
    /// decoded with System.Net.ServerSentEvents; comment-only events are left out.
    /// </summary>
    public static List<SseEvent> Parse(ReadOnlyMemory<byte> body)
    {
        var events = new List<SseEvent>();
        int start = 0;
        foreach (int end in SseEvents.Split(body.Span))
        {
            using var stream = new MemoryStream(body[start..end].ToArray(), writable: false);
            foreach (var item in SseParser.Create(stream).Enumerate())
            {
                events.Add(new SseEvent(item.EventType, item.Data));
            }

            start = end;
        }

        return events;
    }
}
