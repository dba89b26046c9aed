using System.Text.Json.Nodes;

namespace Cassette.Cli.Semantics;

/// <summary>
/// MCP's JSON-RPC messages as a person reads them: the method, and for the methods a client
/// calls most, what they are about (the tool and its arguments, the protocol version, the tools
/// listed, a tool's result). Other methods and results are shown as compact JSON.
/// </summary>
internal static class McpText
{
    /// <summary>One line for a request or notification: <c>tools/call get_weather {"city":"Paris"}</c>.</summary>
    public static string Request(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string method = Text(message["method"]) ?? "";
        var parameters = message["params"] as JsonObject;
        return method switch
        {
            "tools/call" or "prompts/get" => $"{method} {Text(parameters?["name"])} {JsonNodes.ToCompactText(parameters?["arguments"] ?? new JsonObject())}",
            "resources/read" => $"{method} {Text(parameters?["uri"])}",
            "initialize" => Join(method, Fact("protocol", Text(parameters?["protocolVersion"])), Fact("client", Implementation(parameters?["clientInfo"]))),
            _ => method,
        };
    }

    /// <summary>A message the server sent on its own (a notification or a request), with its parameters but not their metadata.</summary>
    private static string FromServer(JsonObject message)
    {
        var parameters = (message["params"] as JsonObject)?.Where(p => p.Key != "_meta").ToList() ?? [];
        return parameters.Count == 0
            ? $"server {Request(message)}"
            : $"server {Request(message)} {JsonNodes.ToCompactText(new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))))}";
    }

    /// <summary>The lines of a response to <paramref name="method"/>: server notifications first, as they came, then the result or the error.</summary>
    public static IEnumerable<string> Response(string? method, IEnumerable<JsonObject> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            if (message["error"] is JsonObject error)
            {
                yield return $"error {JsonNodes.ToCompactText(error["code"])}: {Text(error["message"])}";
            }
            else if (message["result"] is JsonNode result)
            {
                foreach (string line in Result(method, result))
                {
                    yield return line;
                }
            }
            else if (Text(message["method"]) is not null)
            {
                yield return FromServer(message);
            }
        }
    }

    private static IEnumerable<string> Result(string? method, JsonNode result)
    {
        switch (method)
        {
            case "tools/call" when result["content"] is JsonArray content:
                bool failed = result["isError"] is JsonValue flag && flag.TryGetValue(out bool isError) && isError;
                foreach (var block in content.OfType<JsonObject>())
                {
                    yield return (failed ? "error result: " : "result: ") + (Text(block["text"]) ?? JsonNodes.ToCompactText(block));
                }

                if (result["structuredContent"] is JsonNode structured)
                {
                    yield return "structured result: " + JsonNodes.ToCompactText(structured);
                }

                yield break;
            case "tools/list" when result["tools"] is JsonArray tools:
                foreach (var tool in tools.OfType<JsonObject>())
                {
                    var properties = (tool["inputSchema"]?["properties"] as JsonObject)?.Select(p => p.Key) ?? [];
                    yield return $"tool {Text(tool["name"])}({string.Join(", ", properties)}): {Text(tool["description"])}".TrimEnd(' ', ':');
                }

                yield break;
            case "initialize":
                yield return Join(Fact("protocol", Text(result["protocolVersion"])), Fact("server", Implementation(result["serverInfo"])));
                yield break;
            case "server/discover" when result["supportedVersions"] is JsonArray versions:
                yield return Join(
                    Fact("supported versions", string.Join(", ", versions.Select(Text))),
                    Fact("server", Implementation(result["_meta"]?["io.modelcontextprotocol/serverInfo"])));
                yield break;
            default:
                yield return "result: " + JsonNodes.ToCompactText(result);
                yield break;
        }
    }

    private static string? Implementation(JsonNode? info) =>
        Text(info?["name"]) is { } name ? $"{name} {Text(info?["version"])}".TrimEnd() : null;

    private static string? Fact(string label, string? value) => string.IsNullOrEmpty(value) ? null : $"{label} {value}";

    private static string Join(params string?[] facts) => string.Join(", ", facts.Where(f => f is not null));

    private static string? Text(JsonNode? node) => JsonRpcBody.Text(node);
}
