using System.Text;
using System.Text.Json.Nodes;

namespace Cassette.Cli.Semantics;

/// <summary>
/// Adds up a streamed chat response into the message a client ends up with. Knows the stream
/// shapes of OpenAI-compatible chat completions, the OpenAI Responses API, Anthropic Messages,
/// Gemini and Ollama (NDJSON lines); other streams have no assembled message.
/// </summary>
internal static class MessageAssembler
{
    public static AssembledMessage? TryAssemble(IReadOnlyList<StreamEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = new State();
        bool recognized = false;
        foreach (var sse in events)
        {
            if (!JsonNodes.TryParse(sse.Data, out var node) || node is not JsonObject data)
            {
                continue;
            }

            if (data["choices"] is JsonArray choices)
            {
                recognized = true;
                AddChatChunk(state, data, choices);
            }
            else if (data["candidates"] is JsonArray || data["usageMetadata"] is not null)
            {
                recognized = true;
                AddGeminiChunk(state, data);
            }
            else if (data["done"] is JsonValue && (data["message"] is JsonObject || data["response"] is JsonValue))
            {
                recognized = true;
                AddOllamaLine(state, data);
            }
            else if (Text(data["type"]) is { } type)
            {
                recognized |= type.StartsWith("response.", StringComparison.Ordinal)
                    ? AddResponsesEvent(state, type, data)
                    : AddAnthropicEvent(state, type, data);
            }
        }

        return recognized ? state.ToMessage() : null;
    }

    private static void AddChatChunk(State state, JsonObject data, JsonArray choices)
    {
        foreach (var choice in choices.OfType<JsonObject>())
        {
            if (choice["index"] is JsonValue index && index.TryGetValue(out int i) && i != 0)
            {
                continue;
            }

            if (choice["delta"] is JsonObject delta)
            {
                state.Content.Append(Text(delta["content"]));
                state.Reasoning.Append(Text(delta["reasoning"]) ?? Text(delta["reasoning_content"]));
                if (delta["tool_calls"] is JsonArray calls)
                {
                    foreach (var call in calls.OfType<JsonObject>())
                    {
                        int key = call["index"] is JsonValue v && v.TryGetValue(out int n) ? n : state.ToolCalls.Count;
                        var builder = state.ToolCall(key);
                        builder.Id ??= Text(call["id"]);
                        builder.Name.Append(Text(call["function"]?["name"]));
                        builder.Arguments.Append(Text(call["function"]?["arguments"]));
                    }
                }
            }

            state.FinishReason = Text(choice["finish_reason"]) ?? state.FinishReason;
        }

        if (data["usage"] is JsonObject usage)
        {
            state.Usage = usage;
        }
    }

    private static void AddGeminiChunk(State state, JsonObject data)
    {
        if (data["candidates"]?[0] is JsonObject candidate)
        {
            foreach (var part in (candidate["content"]?["parts"] as JsonArray ?? []).OfType<JsonObject>())
            {
                bool thought = part["thought"] is JsonValue t && t.TryGetValue(out bool b) && b;
                (thought ? state.Reasoning : state.Content).Append(Text(part["text"]));
                if (part["functionCall"] is JsonObject call)
                {
                    var builder = state.ToolCall(state.ToolCalls.Count);
                    builder.Id = Text(call["id"]);
                    builder.Name.Append(Text(call["name"]));
                    builder.Arguments.Append(JsonNodes.ToCompactText(call["args"]));
                }
            }

            state.FinishReason = Text(candidate["finishReason"]) ?? state.FinishReason;
        }

        if (data["usageMetadata"] is JsonObject usage)
        {
            state.Usage = usage;
        }
    }

    // A /api/chat line carries a message, a /api/generate line a response; tool calls come whole,
    // their arguments an object. The closing line (done) has the done reason and the token counts.
    private static void AddOllamaLine(State state, JsonObject data)
    {
        var message = data["message"] as JsonObject;
        state.Content.Append(Text(message?["content"]) ?? Text(data["response"]));
        state.Reasoning.Append(Text(message?["thinking"]) ?? Text(data["thinking"]));
        foreach (var call in (message?["tool_calls"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var builder = state.ToolCall(state.ToolCalls.Count);
            builder.Id = Text(call["id"]);
            builder.Name.Append(Text(call["function"]?["name"]));
            builder.Arguments.Append(JsonNodes.ToCompactText(call["function"]?["arguments"]));
        }

        state.FinishReason = Text(data["done_reason"]) ?? state.FinishReason;
        var counts = new JsonObject();
        foreach (var (name, value) in data)
        {
            if (name.EndsWith("_count", StringComparison.Ordinal))
            {
                counts[name] = value?.DeepClone();
            }
        }

        if (counts.Count > 0)
        {
            state.Usage = counts;
        }
    }

    private static bool AddAnthropicEvent(State state, string type, JsonObject data)
    {
        switch (type)
        {
            case "message_start":
                state.Usage = data["message"]?["usage"] as JsonObject ?? state.Usage;
                return true;
            case "content_block_start" when data["content_block"] is JsonObject block:
                if (Text(block["type"]) is "tool_use" or "server_tool_use")
                {
                    var builder = state.ToolCall(Index(data));
                    builder.Id = Text(block["id"]);
                    builder.Name.Append(Text(block["name"]));
                }

                state.Content.Append(Text(block["text"]));
                return true;
            case "content_block_delta" when data["delta"] is JsonObject delta:
                switch (Text(delta["type"]))
                {
                    case "text_delta":
                        state.Content.Append(Text(delta["text"]));
                        break;
                    case "thinking_delta":
                        state.Reasoning.Append(Text(delta["thinking"]));
                        break;
                    case "input_json_delta":
                        state.ToolCall(Index(data)).Arguments.Append(Text(delta["partial_json"]));
                        break;
                }

                return true;
            case "message_delta":
                state.FinishReason = Text(data["delta"]?["stop_reason"]) ?? state.FinishReason;
                if (data["usage"] is JsonObject usage)
                {
                    var merged = state.Usage?.DeepClone() as JsonObject ?? [];
                    foreach (var (name, value) in usage)
                    {
                        merged[name] = value?.DeepClone();
                    }

                    state.Usage = merged;
                }

                return true;
            case "content_block_stop" or "message_stop" or "ping":
                return true;
            default:
                return false;
        }
    }

    private static bool AddResponsesEvent(State state, string type, JsonObject data)
    {
        if (type is not ("response.completed" or "response.incomplete" or "response.failed")
            || data["response"] is not JsonObject response)
        {
            return true;
        }

        foreach (var item in (response["output"] as JsonArray ?? []).OfType<JsonObject>())
        {
            switch (Text(item["type"]))
            {
                case "message":
                    foreach (var part in (item["content"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        state.Content.Append(Text(part["text"]));
                    }

                    break;
                case "reasoning":
                    foreach (var part in (item["summary"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        state.Reasoning.Append(Text(part["text"]));
                    }

                    break;
                case "function_call":
                    var builder = state.ToolCall(state.ToolCalls.Count);
                    builder.Id = Text(item["call_id"]);
                    builder.Name.Append(Text(item["name"]));
                    builder.Arguments.Append(Text(item["arguments"]));
                    break;
            }
        }

        state.FinishReason = Text(response["status"]);
        state.Usage = response["usage"] as JsonObject ?? state.Usage;
        return true;
    }

    private static int Index(JsonObject data) =>
        data["index"] is JsonValue v && v.TryGetValue(out int i) ? i : 0;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private sealed class ToolCallBuilder
    {
        public string? Id { get; set; }

        public StringBuilder Name { get; } = new();

        public StringBuilder Arguments { get; } = new();
    }

    private sealed class State
    {
        public StringBuilder Content { get; } = new();

        public StringBuilder Reasoning { get; } = new();

        public SortedDictionary<int, ToolCallBuilder> ToolCalls { get; } = [];

        public string? FinishReason { get; set; }

        public JsonObject? Usage { get; set; }

        public ToolCallBuilder ToolCall(int key)
        {
            if (!ToolCalls.TryGetValue(key, out var builder))
            {
                builder = new ToolCallBuilder();
                ToolCalls[key] = builder;
            }

            return builder;
        }

        public AssembledMessage ToMessage() => new(
            Content.ToString(),
            Reasoning.ToString(),
            [.. ToolCalls.Values.Select(b => new AssembledToolCall(b.Id, b.Name.ToString(), b.Arguments.ToString()))],
            FinishReason,
            Usage?.DeepClone());
    }
}
