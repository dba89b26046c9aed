using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// OpenAI's chat completions API as documented, or Azure OpenAI's: a request with tools is
/// answered with a call to the first tool, one with the tool's result with the answer, as JSON
/// or as a stream. Every response makes up fresh values, as the real service does: the
/// completion id, <c>created</c>, the system fingerprint, the tool call id, the stream's
/// obfuscation padding and the request-id, timing and rate-limit headers.
/// </summary>
internal sealed class FakeOpenAIChat
{
    /// <summary>The answer once the tool's result is in.</summary>
    public string Answer { get; init; } = FakeUpstream.AnswerText;

    /// <summary>The <c>location</c> argument of the tool call.</summary>
    public string Location { get; init; } = "Florence, Italy";

    /// <summary>Answers with Azure's headers too: API Management's request id, the client's request id echoed, the region and model session.</summary>
    public bool Azure { get; init; }

    /// <summary>Answers every request <paramref name="upstream"/> receives.</summary>
    public FakeOpenAIChat Serve(FakeUpstream upstream)
    {
        upstream.Handler = context => AnswerAsync(context, upstream.Received.Last());
        return this;
    }

    private Task AnswerAsync(HttpContext context, FakeUpstream.ReceivedRequest received)
    {
        var request = JsonNode.Parse(received.Body)!;
        bool toolAnswered = request["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
        string? tool = toolAnswered ? null : (string?)request["tools"]?[0]?["function"]?["name"];
        string model = (string?)request["model"] ?? FakeUpstream.Model;
        var made = new Completion(MadeUp.Id("chatcmpl-", 29), MadeUp.UnixSeconds(), "fp_" + MadeUp.Hex(10), model);
        WriteHeaders(context, received);
        string arguments = new JsonObject { ["location"] = Location }.ToJsonString();
        var usage = tool is null
            ? new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 9, ["total_tokens"] = 21 }
            : new JsonObject { ["prompt_tokens"] = 20, ["completion_tokens"] = 15, ["total_tokens"] = 35 };
        string callId = MadeUp.Id("call_");
        if (request["stream"]?.GetValue<bool>() == true)
        {
            var deltas = tool is null
                ? new[] { Delta(Answer[..(Answer.Length / 2)], role: true), Delta(Answer[(Answer.Length / 2)..]) }
                :
                [
                    new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = ToolCalls(callId, tool, "") },
                    new JsonObject { ["tool_calls"] = ToolCalls(null, null, arguments[..(arguments.Length / 2)]) },
                    new JsonObject { ["tool_calls"] = ToolCalls(null, null, arguments[(arguments.Length / 2)..]) },
                ];
            var chunks = deltas.Select(d => made.Chunk(d, null))
                .Append(made.Chunk(new JsonObject(), tool is null ? "stop" : "tool_calls"));
            if (request["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
            {
                chunks = chunks.Append(made.UsageChunk(usage));
            }

            context.Response.ContentType = "text/event-stream";
            return context.Response.WriteAsync(FakeUpstream.SseBody(chunks.Select(c => c.ToJsonString())));
        }

        var message = tool is null
            ? new JsonObject { ["role"] = "assistant", ["content"] = Answer, ["refusal"] = null }
            : new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = ToolCalls(callId, tool, arguments) };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(made.Whole(message, tool is null ? "stop" : "tool_calls", usage).ToJsonString());
    }

    private void WriteHeaders(HttpContext context, FakeUpstream.ReceivedRequest received)
    {
        var headers = context.Response.Headers;
        OpenAIResponseHeaders.Write(headers);
        if (Azure)
        {
            headers["apim-request-id"] = Guid.NewGuid().ToString();
            headers["x-ms-client-request-id"] = received.Headers.TryGetValue("x-ms-client-request-id", out string? id) ? id : "";
            headers["x-ms-region"] = "Sweden Central";
            headers["azureml-model-session"] = "d" + MadeUp.Text(100, 999) + "-"
                + DateTimeOffset.FromUnixTimeSeconds(MadeUp.UnixSeconds()).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            headers["cf-ray"] = MadeUp.Hex(16) + "-FRA";
        }
    }

    private static JsonObject Delta(string content, bool role = false) =>
        role ? new JsonObject { ["role"] = "assistant", ["content"] = content } : new JsonObject { ["content"] = content };

    private static JsonArray ToolCalls(string? id, string? name, string arguments)
    {
        var function = new JsonObject();
        if (name is not null)
        {
            function["name"] = name;
        }

        function["arguments"] = arguments;
        var call = new JsonObject { ["index"] = 0 };
        if (id is not null)
        {
            call["id"] = id;
            call["type"] = "function";
        }

        call["function"] = function;
        return [call];
    }

    /// <summary>What one response shares across its chunks: the values the service makes up, and the model.</summary>
    private sealed record Completion(string Id, long Created, string Fingerprint, string Model)
    {
        public JsonObject Whole(JsonObject message, string finishReason, JsonObject usage) => new()
        {
            ["id"] = Id, ["object"] = "chat.completion", ["created"] = Created, ["model"] = Model,
            ["system_fingerprint"] = Fingerprint,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = finishReason }),
            ["usage"] = usage,
        };

        public JsonObject Chunk(JsonObject delta, string? finishReason) => new()
        {
            ["id"] = Id, ["object"] = "chat.completion.chunk", ["created"] = Created, ["model"] = Model,
            ["system_fingerprint"] = Fingerprint,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
            ["obfuscation"] = MadeUp.Id("", 6),
        };

        public JsonObject UsageChunk(JsonObject usage) => new()
        {
            ["id"] = Id, ["object"] = "chat.completion.chunk", ["created"] = Created, ["model"] = Model,
            ["system_fingerprint"] = Fingerprint, ["choices"] = new JsonArray(), ["usage"] = usage.DeepClone(),
            ["obfuscation"] = MadeUp.Id("", 6),
        };
    }
}
