using System.Net.ServerSentEvents;

namespace Cassette.Cli.Semantics;

/// <summary>Recognizes streamed (<c>text/event-stream</c>) bodies and splits them into events.</summary>
internal static class SseBody
{
    public static bool IsEventStream(RecordedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                && values.Any(v => v.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The events in order; comments and retry fields are not events and are left out.</summary>
    public static List<SseEvent> Parse(ReadOnlyMemory<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        var events = new List<SseEvent>();
        foreach (var item in SseParser.Create(stream).Enumerate())
        {
            events.Add(new SseEvent(item.EventType, item.Data));
        }

        return events;
    }
}
