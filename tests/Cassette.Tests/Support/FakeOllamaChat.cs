using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// Ollama's <c>/api/chat</c>, unstreamed, as documented: a request with tools is answered with a
/// call to <c>get_weather</c>, one with the tool's result with the answer. Every response makes
/// up a fresh <c>created_at</c> and fresh <c>*_duration</c> timings, as the real server does.
/// </summary>
internal sealed class FakeOllamaChat
{
    /// <summary>The answer once the tool's result is in.</summary>
    public string Answer { get; init; } = "It is 40 C in Paris.";

    /// <summary>The <c>city</c> argument of the tool call.</summary>
    public string City { get; init; } = "Paris";

    /// <summary>Answers every request <paramref name="upstream"/> receives.</summary>
    public FakeOllamaChat Serve(FakeUpstream upstream)
    {
        upstream.Handler = context => AnswerAsync(context, upstream.Received.Last().Body);
        return this;
    }

    private Task AnswerAsync(HttpContext context, byte[] body)
    {
        var request = JsonNode.Parse(body)!;
        bool answered = request["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
        var message = answered
            ? new JsonObject { ["role"] = "assistant", ["content"] = Answer }
            : new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = "",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = new JsonObject { ["city"] = City } },
                }),
            };
        var reply = new JsonObject
        {
            ["model"] = (string?)request["model"],
            ["created_at"] = MadeUp.Rfc3339(),
            ["message"] = message,
            ["done_reason"] = "stop",
            ["done"] = true,
            ["total_duration"] = MadeUp.Number(400_000_000, 900_000_000),
            ["load_duration"] = MadeUp.Number(1_000_000, 2_000_000),
            ["prompt_eval_count"] = answered ? 171 : 142,
            ["prompt_eval_duration"] = MadeUp.Number(100_000_000, 300_000_000),
            ["eval_count"] = answered ? 9 : 18,
            ["eval_duration"] = MadeUp.Number(200_000_000, 400_000_000),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(reply.ToJsonString() + "\n");
    }
}
