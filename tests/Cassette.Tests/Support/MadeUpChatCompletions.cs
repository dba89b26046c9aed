using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// A chat completions API for <see cref="FakeUpstream.Handler"/> that makes up its ids, tool-call
/// ids, timestamps, fingerprints and request ids anew for every response, as the real API does:
/// with tools and no tool result yet it calls <c>get_weather</c> for <see cref="Location"/>, then
/// it answers <see cref="Answer"/>; streamed (with the usage chunk <c>stream_options</c> asks for)
/// or not.
/// </summary>
internal sealed class MadeUpChatCompletions(FakeUpstream upstream)
{
    public string Location { get; init; } = "Florence, Italy";

    public string Answer { get; init; } = FakeUpstream.AnswerText;

    public Task HandleAsync(HttpContext context)
    {
        var request = JsonNode.Parse(upstream.Received.Last().Body)!;
        bool toolAnswered = request["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
        bool callsTool = request["tools"] is JsonArray { Count: > 0 } && !toolAnswered;
        string id = "chatcmpl-" + MadeUp(24);
        long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + Random.Shared.Next(1000);
        string fingerprint = "fp_" + MadeUp(10);
        string arguments = new JsonObject { ["location"] = Location }.ToJsonString();
        var (prompt, completion) = callsTool ? (20, 15) : (12, 9);
        context.Response.Headers["X-Request-Id"] = "req_" + MadeUp(32);
        context.Response.Headers["Openai-Processing-Ms"] = Random.Shared.Next(100, 900).ToString(CultureInfo.InvariantCulture);
        string Usage() => $$"""{"prompt_tokens":{{prompt}},"completion_tokens":{{completion}},"total_tokens":{{prompt + completion}}}""";
        string Head() => $$"""{"id":"{{id}}","object":"chat.completion.chunk","created":{{created}},"model":"{{FakeUpstream.Model}}","system_fingerprint":"{{fingerprint}}",""";
        string Chunk(string delta, string? finish = null) =>
            Head() + $$""" "choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";

        if (request["stream"]?.GetValue<bool>() == true)
        {
            string callId = "call_" + MadeUp(24);
            var events = callsTool
                ? new List<string>
                {
                    Chunk(ToolCallDelta(new JsonObject { ["id"] = callId, ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = "" } }, role: true)),
                    Chunk(ToolCallDelta(new JsonObject { ["function"] = new JsonObject { ["arguments"] = arguments[..12] } })),
                    Chunk(ToolCallDelta(new JsonObject { ["function"] = new JsonObject { ["arguments"] = arguments[12..] } })),
                    Chunk("{}", "tool_calls"),
                }
                : [.. Split(Answer).Select((part, i) => Chunk(new JsonObject { ["content"] = part }.ToJsonString())), Chunk("{}", "stop")];
            if (request["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
            {
                events.Add(Head() + $$""" "choices":[],"usage":{{Usage()}}}""");
            }

            context.Response.ContentType = "text/event-stream";
            return context.Response.WriteAsync(string.Concat(events.Select(e => $"data: {e}\n\n")) + "data: [DONE]\n\n");
        }

        var message = callsTool
            ? new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_" + MadeUp(24),
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = arguments },
                }),
            }
            : new JsonObject { ["role"] = "assistant", ["content"] = Answer };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            $$"""{"id":"{{id}}","object":"chat.completion","created":{{created}},"model":"{{FakeUpstream.Model}}","system_fingerprint":"{{fingerprint}}","choices":[{"index":0,"message":{{message.ToJsonString()}},"finish_reason":"{{(callsTool ? "tool_calls" : "stop")}}"}],"usage":{{Usage()}}}""");
    }

    private static string ToolCallDelta(JsonObject call, bool role = false)
    {
        call["index"] = 0;
        var delta = role ? new JsonObject { ["role"] = "assistant", ["content"] = null } : [];
        delta["tool_calls"] = new JsonArray(call);
        return delta.ToJsonString();
    }

    private static IEnumerable<string> Split(string text)
    {
        int third = text.Length / 3;
        return [text[..third], text[third..(2 * third)], text[(2 * third)..]];
    }

    private static string MadeUp(int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append(Alphabet[Random.Shared.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }
}
