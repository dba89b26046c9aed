using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

/// <summary><c>cassette show</c> on MCP's JSON-RPC over Streamable HTTP, answered as events or as JSON.</summary>
public sealed class ShowCommandJsonRpcTests
{
    [Fact]
    public void Show_McpExchange_PrintsEachMethodWithItsToolAndResult()
    {
        using var temp = new TempDirectory();
        string file = temp.PathOf("mcp.yaml");
        TestInteractions.NewCassette(McpCassettes.Refused(), McpCassettes.Initialize(), McpCassettes.ListTools(), McpCassettes.CallTool()).Save(file);

        var (exitCode, output, error) = CliRunner.Run("show", file);

        Assert.Equal("", error);
        Assert.Equal(
            $"""
            {file}: 4 interactions

            interaction 0: POST http://localhost/mcp
              request: JSON-RPC server/discover
              response: 400 Bad Request, application/json, 1.5s
                error -32022: Unsupported protocol version

            interaction 1: POST http://localhost/mcp
              request: JSON-RPC initialize, protocol 2025-11-25, client weather-app 1.0.0
              response: 200 OK, text/event-stream, 1 event, 12ms
                protocol 2025-11-25, server weather 1.0.0

            interaction 2: POST http://localhost/mcp
              request: JSON-RPC tools/list
              response: 200 OK, application/json, 1.5s
                tool get_weather(city): Gets the current weather for a city

            interaction 3: POST http://localhost/mcp
              request: JSON-RPC tools/call get_weather {"{"}"city":"Paris"{"}"}
              response: 200 OK, text/event-stream, 2 events, 12ms
                server notifications/message {"{"}"level":"info","data":"looking up the weather"{"}"}
                result: Sunny, 24°C in Paris

            """,
            output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Show_ToolCallAnsweredAsJson_PrintsTheSameResultAsFromEvents()
    {
        using var temp = new TempDirectory();
        string file = temp.PathOf("mcp.yaml");
        TestInteractions.NewCassette(McpCassettes.AsJson(McpCassettes.CallTool(city: "Oslo", answer: "Snow, -3°C in Oslo"))).Save(file);

        var (exitCode, output, _) = CliRunner.Run("show", file);

        Assert.Equal(0, exitCode);
        Assert.Contains(
            """
              request: JSON-RPC tools/call get_weather {"city":"Oslo"}
              response: 200 OK, application/json, 12ms
                result: Snow, -3°C in Oslo

            """,
            output,
            StringComparison.Ordinal);
    }
}
