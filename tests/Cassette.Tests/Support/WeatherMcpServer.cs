using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Cassette.Tests.Support;

/// <summary>
/// A real MCP server (ModelContextProtocol.AspNetCore) over Streamable HTTP at <c>/mcp</c>, in
/// process on TestHost, with one tool, <c>get_weather</c>. With sessions (the default here, as
/// most deployed servers have them) it refuses the newest, session-less protocol revision, so the
/// client falls back to <c>initialize</c>, and makes up a new <c>Mcp-Session-Id</c> for it.
/// </summary>
internal sealed class WeatherMcpServer : IAsyncDisposable
{
    public const string ToolName = "get_weather";
    public const string ToolDescription = "Gets the current weather for a city";

    private readonly WebApplication _app;

    private WeatherMcpServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; } = new("http://localhost/mcp");

    /// <summary>The cities the tool was called for.</summary>
    public List<string> Cities { get; } = [];

    /// <summary>What the tool answers for a city; change it to make the server answer differently.</summary>
    public Func<string, string> Forecast { get; set; } = city => $"Sunny, 24°C in {city}";

    public static async Task<WeatherMcpServer> StartAsync(HttpServerSessionMode sessionMode = HttpServerSessionMode.Stateful)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        WeatherMcpServer? server = null;
        var tool = McpServerTool.Create(
            ([Description("The city, such as Paris")] string city) =>
            {
                server!.Cities.Add(city);
                return server.Forecast(city);
            },
            new McpServerToolCreateOptions { Name = ToolName, Description = ToolDescription });
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "weather", Version = "1.0.0" })
            .WithHttpTransport(o => o.SessionMode = sessionMode)
            .WithTools([tool]);
        var app = builder.Build();
        server = new WeatherMcpServer(app);
        app.MapMcp("/mcp");
        await app.StartAsync();
        return server;
    }

    /// <summary>A handler that reaches this server.</summary>
    public HttpMessageHandler CreateHandler() => ((TestServer)_app.Services.GetRequiredService<IServer>()).CreateHandler();

    /// <summary>
    /// What a user's code does with the MCP client: connects over Streamable HTTP through
    /// <paramref name="http"/>, lists the tools, calls <c>get_weather</c> for <paramref name="city"/>,
    /// and disposes the client (which closes its streams and ends the session).
    /// </summary>
    /// <param name="standaloneGetStream">Whether the client opens its GET stream for messages the server sends unasked (its default).</param>
    public static async Task<McpAnswer> AskAsync(HttpClient http, Uri endpoint, string city, CancellationToken cancellationToken, bool standaloneGetStream = true)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            EnableStandaloneGetStream = standaloneGetStream,
        };
        var transport = new HttpClientTransport(options, http);
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        var result = await client.CallToolAsync(ToolName, new Dictionary<string, object?> { ["city"] = city }, cancellationToken: cancellationToken);
        return new McpAnswer(
            client.SessionId,
            [.. tools.Select(t => new McpAnswer.Tool(t.Name, t.Description, t.JsonSchema.GetRawText()))],
            string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text)),
            result.IsError == true);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the MCP client got: the session the server assigned, the tools it listed, and the tool call's text.</summary>
internal sealed record McpAnswer(string? SessionId, IReadOnlyList<McpAnswer.Tool> Tools, string Text, bool IsError)
{
    internal sealed record Tool(string Name, string Description, string InputSchema);
}
