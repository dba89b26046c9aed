using System.Text.Json.Nodes;

namespace Cassette.Cli.Semantics;

/// <summary>
/// JSON-RPC 2.0 messages in recorded bodies, as MCP's Streamable HTTP sends them: a request body
/// is one message; a response body is one message as JSON, or messages as the data of
/// Server-Sent Events (the answer, and any notifications the server sent before it).
/// </summary>
internal static class JsonRpcBody
{
    /// <summary>The request's JSON-RPC message (a request or a notification), or null when the body is not one.</summary>
    public static JsonObject? Request(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonNodes.TryParse(request.Body.Span, out var node) && IsMessage(node) && Text(node!["method"]) is not null
            ? (JsonObject)node!
            : null;
    }

    /// <summary>The JSON-RPC messages of a response, in order; null when the body holds anything else.</summary>
    public static List<JsonObject>? Messages(RecordedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (StreamBody.Parse(response.Headers, response.Body) is { } events)
        {
            var messages = new List<JsonObject>();
            foreach (var sse in events)
            {
                if (!JsonNodes.TryParse(sse.Data, out var data) || !IsMessage(data))
                {
                    return null;
                }

                messages.Add((JsonObject)data!);
            }

            return messages.Count > 0 ? messages : null;
        }

        return JsonNodes.TryParse(response.Body.Span, out var node) && IsMessage(node) ? [(JsonObject)node!] : null;
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static bool IsMessage(JsonNode? node) => node is JsonObject message && Text(message["jsonrpc"]) == "2.0";
}
