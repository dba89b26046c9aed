using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// Anthropic's Messages API as documented: the first turn thinks (with a signature) and calls
/// <c>get_weather</c>, the turn with the tool's result answers; as JSON or as a stream of
/// <c>thinking_delta</c>, <c>signature_delta</c>, <c>input_json_delta</c> and <c>text_delta</c>
/// events. Every response makes up fresh values, as the real service does: the message id, the
/// tool use id, the thinking signature, the <c>request-id</c> header and the rate-limit headers.
/// </summary>
internal sealed class FakeAnthropic
{
    public const string Thought = "The user wants the weather; I should call get_weather.";

    /// <summary>The answer once the tool's result is in.</summary>
    public string Answer { get; init; } = "It is sunny in Florence, 24°C.";

    /// <summary>The <c>location</c> in the tool use's input.</summary>
    public string Location { get; init; } = "Florence, Italy";

    /// <summary>Answers every request <paramref name="upstream"/> receives.</summary>
    public FakeAnthropic Serve(FakeUpstream upstream)
    {
        upstream.Handler = context => AnswerAsync(context, upstream.Received.Last().Body);
        return this;
    }

    private static string Event(JsonObject data) => $"event: {(string)data["type"]!}\ndata: {data.ToJsonString()}\n\n";

    private Task AnswerAsync(HttpContext context, byte[] body)
    {
        var request = JsonNode.Parse(body)!;
        bool toolAnswered = request["messages"]!.AsArray().Any(m => m!["content"] is JsonArray parts && parts.Any(p => (string?)p!["type"] == "tool_result"));
        string model = (string)request["model"]!;
        string messageId = MadeUp.Id("msg_01");
        string toolUseId = MadeUp.Id("toolu_01");
        string signature = MadeUp.Base64(96);
        var headers = context.Response.Headers;
        headers["request-id"] = MadeUp.Id("req_011C");
        headers["anthropic-organization-id"] = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        headers["anthropic-ratelimit-requests-remaining"] = MadeUp.Text(3900, 3999);
        headers["anthropic-ratelimit-requests-reset"] = MadeUp.Rfc3339();
        var input = new JsonObject { ["location"] = Location };
        var usage = toolAnswered ? new JsonObject { ["input_tokens"] = 60, ["output_tokens"] = 12 } : new JsonObject { ["input_tokens"] = 40, ["output_tokens"] = 45 };
        string stopReason = toolAnswered ? "end_turn" : "tool_use";
        if (request["stream"]?.GetValue<bool>() == true)
        {
            var stream = new StringBuilder(Event(new JsonObject
            {
                ["type"] = "message_start",
                ["message"] = Message(messageId, model, [], null, new JsonObject { ["input_tokens"] = usage["input_tokens"]!.DeepClone(), ["output_tokens"] = 1 }),
            }));
            if (toolAnswered)
            {
                stream.Append(Block(0, new JsonObject { ["type"] = "text", ["text"] = "" }, [
                    new JsonObject { ["type"] = "text_delta", ["text"] = Answer[..(Answer.Length / 2)] },
                    new JsonObject { ["type"] = "text_delta", ["text"] = Answer[(Answer.Length / 2)..] },
                ]));
            }
            else
            {
                string json = input.ToJsonString();
                stream.Append(Block(0, new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" }, [
                        new JsonObject { ["type"] = "thinking_delta", ["thinking"] = Thought },
                        new JsonObject { ["type"] = "signature_delta", ["signature"] = signature },
                    ]))
                    .Append(Block(1, new JsonObject { ["type"] = "tool_use", ["id"] = toolUseId, ["name"] = "get_weather", ["input"] = new JsonObject() }, [
                        new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = json[..(json.Length / 2)] },
                        new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = json[(json.Length / 2)..] },
                    ]));
            }

            stream.Append(Event(new JsonObject
                {
                    ["type"] = "message_delta",
                    ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
                    ["usage"] = new JsonObject { ["output_tokens"] = usage["output_tokens"]!.DeepClone() },
                }))
                .Append(Event(new JsonObject { ["type"] = "message_stop" }));
            context.Response.ContentType = "text/event-stream";
            return context.Response.WriteAsync(stream.ToString());
        }

        JsonArray content = toolAnswered
            ? [new JsonObject { ["type"] = "text", ["text"] = Answer }]
            :
            [
                new JsonObject { ["type"] = "thinking", ["thinking"] = Thought, ["signature"] = signature },
                new JsonObject { ["type"] = "tool_use", ["id"] = toolUseId, ["name"] = "get_weather", ["input"] = input },
            ];
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Message(messageId, model, content, stopReason, usage).ToJsonString());
    }

    private static JsonObject Message(string id, string model, JsonArray content, string? stopReason, JsonObject usage) => new()
    {
        ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = content,
        ["stop_reason"] = stopReason, ["stop_sequence"] = null, ["usage"] = usage,
    };

    private static string Block(int index, JsonObject start, JsonObject[] deltas) =>
        Event(new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = start })
        + string.Concat(deltas.Select(d => Event(new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = d })))
        + Event(new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
}
