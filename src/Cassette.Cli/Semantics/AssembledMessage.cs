using System.Text.Json.Nodes;

namespace Cassette.Cli.Semantics;

/// <summary>
/// The assistant message a streamed chat response adds up to: its text, reasoning, tool calls
/// with their arguments, finish reason and usage.
/// </summary>
internal sealed record AssembledMessage(
    string Content,
    string Reasoning,
    IReadOnlyList<AssembledToolCall> ToolCalls,
    string? FinishReason,
    JsonNode? Usage)
{
    /// <summary>The message as JSON, tool-call arguments parsed when they are JSON, for diffing.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["content"] = Content };
        if (Reasoning.Length > 0)
        {
            json["reasoning"] = Reasoning;
        }

        var calls = new JsonArray();
        foreach (var call in ToolCalls)
        {
            calls.Add(new JsonObject
            {
                ["id"] = call.Id,
                ["name"] = call.Name,
                ["arguments"] = JsonNodes.TryParse(call.Arguments, out var parsed) ? parsed : JsonValue.Create(call.Arguments),
            });
        }

        json["tool_calls"] = calls;
        json["finish_reason"] = FinishReason;
        json["usage"] = Usage?.DeepClone();
        return json;
    }
}
