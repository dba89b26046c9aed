using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Cassette.Tests.Support;

/// <summary>
/// What a recorded streamed chat completion says, read straight from the cassette's SSE data:
/// the accumulated text and the tool call. Tests take their expected values from here.
/// </summary>
internal sealed record RecordedChatStream(string Content, string? ToolCallId, string? ToolName, string ToolArguments, int EventCount)
{
    public static RecordedChatStream Parse(ReadOnlyMemory<byte> body)
    {
        var content = new StringBuilder();
        var arguments = new StringBuilder();
        string? id = null;
        string? name = null;
        int events = 0;
        foreach (var item in SseParser.Create(new MemoryStream(body.ToArray())).Enumerate())
        {
            events++;
            if (item.Data == "[DONE]")
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(item.Data);
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (!choice.TryGetProperty("delta", out var delta))
                {
                    continue;
                }

                if (delta.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    content.Append(text.GetString());
                }

                if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in calls.EnumerateArray())
                    {
                        if (call.TryGetProperty("id", out var callId) && callId.ValueKind == JsonValueKind.String)
                        {
                            id ??= callId.GetString();
                        }

                        var function = call.GetProperty("function");
                        if (function.TryGetProperty("name", out var fn) && fn.ValueKind == JsonValueKind.String)
                        {
                            name ??= fn.GetString();
                        }

                        if (function.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.String)
                        {
                            arguments.Append(args.GetString());
                        }
                    }
                }
            }
        }

        return new RecordedChatStream(content.ToString(), id, name, arguments.ToString(), events);
    }
}
