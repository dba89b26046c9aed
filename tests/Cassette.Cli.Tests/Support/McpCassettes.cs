namespace Cassette.Tests.Support;

/// <summary>
/// MCP exchanges over Streamable HTTP as cassettes: JSON-RPC requests, answered as Server-Sent
/// Events or as JSON, the way ModelContextProtocol's client and server send them.
/// </summary>
internal static class McpCassettes
{
    public const string Url = "http://localhost/mcp";

    public static Interaction Initialize(string sessionId = "twl-XAvI_I-mSPkToJJJ1g") =>
        WithSession(Sse(
            """{"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"weather-app","version":"1.0.0"}},"id":1,"jsonrpc":"2.0"}""",
            """{"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{"listChanged":true}},"serverInfo":{"name":"weather","version":"1.0.0"}},"id":1,"jsonrpc":"2.0"}"""),
            sessionId, request: false);

    public static Interaction ListTools(string sessionId = "twl-XAvI_I-mSPkToJJJ1g") =>
        WithSession(TestInteractions.Post(
            """{"method":"tools/list","params":{},"id":2,"jsonrpc":"2.0"}""",
            """{"result":{"tools":[{"name":"get_weather","description":"Gets the current weather for a city","inputSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]},"id":2,"jsonrpc":"2.0"}""",
            Url), sessionId, request: true);

    public static Interaction CallTool(string city = "Paris", string answer = "Sunny, 24°C in Paris", string sessionId = "twl-XAvI_I-mSPkToJJJ1g", int id = 3) =>
        WithSession(Sse(
            $$$"""{"method":"tools/call","params":{"name":"get_weather","arguments":{"city":"{{{city}}}"}},"id":{{{id}}},"jsonrpc":"2.0"}""",
            """{"method":"notifications/message","params":{"level":"info","data":"looking up the weather"},"jsonrpc":"2.0"}""",
            $$$"""{"result":{"content":[{"type":"text","text":"{{{answer}}}"}]},"id":{{{id}}},"jsonrpc":"2.0"}"""),
            sessionId, request: true);

    /// <summary>The newest revision's probe, refused by a server with sessions; errors come as JSON.</summary>
    public static Interaction Refused()
    {
        var interaction = TestInteractions.Post(
            """{"method":"server/discover","params":{},"id":1,"jsonrpc":"2.0"}""",
            """{"error":{"code":-32022,"message":"Unsupported protocol version"},"id":1,"jsonrpc":"2.0"}""",
            Url);
        return interaction with { Response = interaction.Response with { Status = "400 Bad Request", Code = 400 } };
    }

    /// <summary>The same interaction with its response answered as JSON, the one message as the body.</summary>
    public static Interaction AsJson(Interaction interaction)
    {
        string body = System.Text.Encoding.UTF8.GetString(interaction.Response.Body.Span);
        string last = body.Split('\n').Last(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        var headers = interaction.Response.Headers.ToDictionary(h => h.Key, h => h.Value);
        headers["Content-Type"] = ["application/json"];
        return interaction with { Response = interaction.Response with { Body = System.Text.Encoding.UTF8.GetBytes(last), Headers = headers } };
    }

    private static Interaction Sse(string request, params string[] messages) =>
        TestInteractions.Sse(request, string.Concat(messages.Select(m => $"event: message\ndata: {m}\n\n")), "12ms") with { Request = TestInteractions.Post(request, "", Url).Request };

    private static Interaction WithSession(Interaction interaction, string sessionId, bool request)
    {
        var responseHeaders = interaction.Response.Headers.ToDictionary(h => h.Key, h => h.Value);
        responseHeaders["Mcp-Session-Id"] = [sessionId];
        var requestHeaders = interaction.Request.Headers.ToDictionary(h => h.Key, h => h.Value);
        if (request)
        {
            requestHeaders["Mcp-Session-Id"] = [sessionId];
        }

        return interaction with
        {
            Request = interaction.Request with { Headers = requestHeaders },
            Response = interaction.Response with { Headers = responseHeaders },
        };
    }
}
