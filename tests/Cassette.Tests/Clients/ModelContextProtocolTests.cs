using Cassette.Tests.Support;
using ModelContextProtocol.AspNetCore;

namespace Cassette.Tests.Clients;

/// <summary>
/// The ModelContextProtocol client over Streamable HTTP, against a real MCP server in process:
/// the tool listing and a tool call recorded, then replayed with the server gone. A server with
/// sessions assigns an <c>Mcp-Session-Id</c> (the client first probes the newest, session-less
/// revision, is refused, and falls back to <c>initialize</c>), and the client keeps a GET stream
/// open for messages the server may send, which it closes when it is disposed.
/// </summary>
public sealed class ModelContextProtocolTests : IDisposable
{
    private const string Schema = """{"type":"object","properties":{"city":{"description":"The city, such as Paris","type":"string"}},"required":["city"]}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-mcp-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<McpAnswer> AskAsync(
        string path, CassetteMode mode, HttpMessageHandler upstream, List<string>? warnings = null, List<string>? failedRequests = null, bool standaloneGetStream = true)
    {
        var options = new CassetteSessionOptions { Mode = mode, Recording = new RecordingOptions { OnWarning = w => warnings?.Add(w) } };
        await using var session = CassetteSession.Open(path, options);
        var cassette = session.CreateHandler();
        cassette.InnerHandler = upstream;
        using var http = new HttpClient(new FailedRequests(failedRequests ?? []) { InnerHandler = cassette });
        var answer = await WeatherMcpServer.AskAsync(http, new Uri("http://localhost/mcp"), "Paris", Token, standaloneGetStream);
        session.VerifyAllPlayed();
        return answer;
    }

    [Theory]
    [InlineData(HttpServerSessionMode.Stateful)]
    [InlineData(HttpServerSessionMode.Stateless)]
    public async Task ListToolsAndCallTool_RecordsThenReplaysTheToolsAndTheResultWithTheServerGone(HttpServerSessionMode sessionMode)
    {
        string path = Path.Combine(_folder, "weather.yaml");
        McpAnswer recorded;
        await using (var server = await WeatherMcpServer.StartAsync(sessionMode))
        {
            recorded = await AskAsync(path, CassetteMode.Record, server.CreateHandler());
            Assert.Equal(["Paris"], server.Cities);
        }

        var failed = new List<string>();
        var replayed = await AskAsync(path, CassetteMode.Replay, new GoneUpstream(), failedRequests: failed);

        // The one request replay cannot answer is the GET stream the recording left out; the
        // client gives that stream up quietly (and logs it), so nothing else notices.
        Assert.All(failed, f => Assert.Equal("GET: CassetteMismatchException", f));
        foreach (var answer in new[] { recorded, replayed })
        {
            var tool = Assert.Single(answer.Tools);
            Assert.Equal(WeatherMcpServer.ToolName, tool.Name);
            Assert.Equal(WeatherMcpServer.ToolDescription, tool.Description);
            Assert.Equal(Schema, tool.InputSchema);
            Assert.Equal("Sunny, 24°C in Paris", answer.Text);
            Assert.False(answer.IsError);
        }

        // The replayed initialize answer hands the client the session id the server made up.
        Assert.Equal(recorded.SessionId, replayed.SessionId);
        Assert.Equal(sessionMode == HttpServerSessionMode.Stateful, recorded.SessionId is not null);
    }

    [Fact]
    public async Task Dispose_ClientClosesItsOpenGetStream_TheRecordingIsSavedWithoutThatStream()
    {
        string path = Path.Combine(_folder, "weather.yaml");
        var warnings = new List<string>();
        await using var server = await WeatherMcpServer.StartAsync(HttpServerSessionMode.Stateful);

        var answer = await AskAsync(path, CassetteMode.Record, server.CreateHandler(), warnings);

        // Closing a stream the client no longer needs is not a failed run: the cassette is saved, and no partial file is left.
        Assert.True(File.Exists(path));
        Assert.False(File.Exists(Path.Combine(_folder, "weather.partial.yaml")));
        var interactions = CassetteFile.Load(path).Interactions;

        // How the GET stream ends differs from run to run: closed unread, cancelled, or ended
        // empty by the server as the session ends. It is left out with a warning, or recorded empty.
        Assert.Equal(
            ["POST server/discover", "POST initialize", "POST notifications/initialized", "POST tools/list", "POST tools/call", "DELETE "],
            interactions
                .Where(i => i.Request.Method != "GET")
                .Select(i => $"{i.Request.Method} {(i.Request.Headers.TryGetValue("Mcp-Method", out var method) ? method[0] : "")}"));
        Assert.All(interactions.Where(i => i.Request.Method == "GET"), i => Assert.True(i.Response.Body.IsEmpty));

        // The server's session id comes back on initialize, and every later request carries it.
        Assert.Equal([answer.SessionId!], interactions[1].Response.Headers["Mcp-Session-Id"]);
        Assert.All(interactions.Skip(2), i => Assert.Equal([answer.SessionId!], i.Request.Headers["Mcp-Session-Id"]));

        // The only warnings are about that stream (none when the client closed it before the server answered).
        Assert.All(warnings, w => Assert.StartsWith("The response to GET http://localhost/mcp was not recorded: ", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListToolsAndCallTool_WithoutTheStandaloneGetStream_RecordsAndReplaysEveryRequestTheClientSends()
    {
        string path = Path.Combine(_folder, "weather.yaml");
        var warnings = new List<string>();
        var failed = new List<string>();
        McpAnswer recorded;
        await using (var server = await WeatherMcpServer.StartAsync(HttpServerSessionMode.Stateful))
        {
            recorded = await AskAsync(path, CassetteMode.Record, server.CreateHandler(), warnings, failed, standaloneGetStream: false);
        }

        var replayed = await AskAsync(path, CassetteMode.Replay, new GoneUpstream(), warnings, failed, standaloneGetStream: false);

        Assert.Empty(warnings);
        Assert.Empty(failed);
        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(6, CassetteFile.Load(path).Interactions.Count);
    }

    /// <summary>Notes each request that failed on its way through the cassette, as the client may swallow the failure.</summary>
    private sealed class FailedRequests(List<string> failed) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (failed)
                {
                    failed.Add($"{request.Method}: {e.GetType().Name}");
                }

                throw;
            }
        }
    }
}
