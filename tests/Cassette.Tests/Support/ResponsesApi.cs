using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// OpenAI's Responses API (<c>POST /v1/responses</c>) as documented: a request with tools and no
/// function output gets a <c>get_weather</c> function call, the request that carries the
/// function's output gets the answer. Unstreamed, the response object as JSON; streamed, the typed
/// events (<c>response.created</c>, <c>response.output_item.added</c>,
/// <c>response.function_call_arguments.delta</c>/<c>.done</c>, <c>response.output_text.delta</c>,
/// <c>response.output_item.done</c>, <c>response.completed</c> with usage). Like the real API it
/// makes up every id and request id anew on each response.
/// </summary>
internal sealed class ResponsesApi
{
    public const string Model = "gpt-4.1-2025-04-14";

    public const string DefaultAnswer = "The weather in Florence is sunny, 24°C.";

    /// <summary>The text of the answer.</summary>
    public string Answer { get; init; } = DefaultAnswer;

    /// <summary>The location the function call asks about.</summary>
    public string Location { get; init; } = "Florence, Italy";

    /// <summary>The <c>created_at</c> of every response, in Unix seconds.</summary>
    public long CreatedAt { get; init; } = 1764878400;

    /// <summary>The id of every response made up so far, in order.</summary>
    public List<string> ResponseIds { get; } = [];

    /// <summary>The function call's arguments, as the API sends them: a JSON string.</summary>
    public string Arguments => new JsonObject { ["location"] = Location }.ToJsonString();

    public static string MadeUp(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Answers <paramref name="requestBody"/>, a request to <c>/v1/responses</c>.</summary>
    public async Task HandleAsync(HttpContext context, byte[] requestBody)
    {
        var request = JsonNode.Parse(requestBody)!;
        bool functionAnswered = request["input"] is JsonArray input && input.Any(i => (string?)i!["type"] == "function_call_output");
        bool callFunction = request["tools"] is JsonArray { Count: > 0 } && !functionAnswered;
        string id = MadeUp("resp_");
        ResponseIds.Add(id);
        context.Response.Headers["x-request-id"] = MadeUp("req_");
        context.Response.Headers["openai-processing-ms"] = Random.Shared.Next(200, 900).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var item = callFunction ? FunctionCall() : Message();
        var usage = callFunction ? Usage(60, 18) : Usage(85, 12);
        if (request["stream"]?.GetValue<bool>() != true)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Response(id, request, "completed", [item], usage).ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream; charset=utf-8";
        var events = new List<JsonObject>
        {
            new() { ["type"] = "response.created", ["response"] = Response(id, request, "in_progress", [], null) },
            new() { ["type"] = "response.in_progress", ["response"] = Response(id, request, "in_progress", [], null) },
            new() { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = InProgress(item) },
        };
        string itemId = (string)item["id"]!;
        if (callFunction)
        {
            string arguments = Arguments;
            foreach (string delta in (string[])[arguments[..(arguments.Length / 2)], arguments[(arguments.Length / 2)..]])
            {
                events.Add(new() { ["type"] = "response.function_call_arguments.delta", ["item_id"] = itemId, ["output_index"] = 0, ["delta"] = delta });
            }

            events.Add(new() { ["type"] = "response.function_call_arguments.done", ["item_id"] = itemId, ["output_index"] = 0, ["arguments"] = arguments });
        }
        else
        {
            events.Add(new() { ["type"] = "response.content_part.added", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = OutputText("") });
            foreach (string delta in Deltas(Answer))
            {
                events.Add(new() { ["type"] = "response.output_text.delta", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = delta, ["logprobs"] = new JsonArray() });
            }

            events.Add(new() { ["type"] = "response.output_text.done", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = Answer, ["logprobs"] = new JsonArray() });
            events.Add(new() { ["type"] = "response.content_part.done", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = OutputText(Answer) });
        }

        events.Add(new() { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = item.DeepClone() });
        events.Add(new() { ["type"] = "response.completed", ["response"] = Response(id, request, "completed", [item], usage) });
        var stream = new StringBuilder();
        for (int i = 0; i < events.Count; i++)
        {
            events[i]["sequence_number"] = i;
            stream.Append("event: ").Append((string)events[i]["type"]!).Append("\ndata: ").Append(events[i].ToJsonString()).Append("\n\n");
        }

        await context.Response.WriteAsync(stream.ToString());
    }

    private JsonObject Response(string id, JsonNode request, string status, JsonObject[] output, JsonObject? usage) => new()
    {
        ["id"] = id,
        ["object"] = "response",
        ["created_at"] = CreatedAt,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = null,
        ["max_output_tokens"] = null,
        ["model"] = Model,
        ["output"] = new JsonArray([.. output.Select(o => o.DeepClone())]),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = request["previous_response_id"]?.DeepClone(),
        ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null },
        ["store"] = request["store"]?.DeepClone() ?? true,
        ["temperature"] = 1.0,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = "auto",
        ["tools"] = request["tools"]?.DeepClone() ?? new JsonArray(),
        ["top_p"] = 1.0,
        ["truncation"] = "disabled",
        ["usage"] = usage?.DeepClone(),
        ["user"] = null,
        ["metadata"] = new JsonObject(),
    };

    private JsonObject FunctionCall() => new()
    {
        ["type"] = "function_call",
        ["id"] = MadeUp("fc_"),
        ["call_id"] = MadeUp("call_"),
        ["name"] = "get_weather",
        ["arguments"] = Arguments,
        ["status"] = "completed",
    };

    private JsonObject Message() => new()
    {
        ["type"] = "message",
        ["id"] = MadeUp("msg_"),
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(OutputText(Answer)),
    };

    // The item as output_item.added announces it: no content or arguments yet.
    private static JsonObject InProgress(JsonObject item)
    {
        var added = (JsonObject)item.DeepClone();
        added["status"] = "in_progress";
        if (added.ContainsKey("arguments"))
        {
            added["arguments"] = "";
        }
        else
        {
            added["content"] = new JsonArray();
        }

        return added;
    }

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private static JsonObject Usage(int input, int output) => new()
    {
        ["input_tokens"] = input,
        ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
        ["output_tokens"] = output,
        ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
        ["total_tokens"] = input + output,
    };

    // A word a delta, each after the first with its leading space, as the model streams tokens.
    private static IEnumerable<string> Deltas(string text)
    {
        string[] words = text.Split(' ');
        return words.Select((w, i) => i == 0 ? w : " " + w);
    }
}
