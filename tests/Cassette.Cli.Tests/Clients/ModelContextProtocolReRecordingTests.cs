using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// The ModelContextProtocol client recorded twice against a real MCP server, which assigns a new
/// <c>Mcp-Session-Id</c> every time: <c>cassette diff</c> finds no semantic change between the
/// two, and does find another tool argument or another tool result.
/// </summary>
public sealed class ModelContextProtocolReRecordingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private async Task<(string Path, string? SessionId)> RecordAsync(string name, string city = "Paris", Func<string, string>? forecast = null)
    {
        string path = _temp.PathOf(name);
        await using var server = await WeatherMcpServer.StartAsync();
        if (forecast is not null)
        {
            server.Forecast = forecast;
        }

        var warnings = new List<string>();
        var options = new CassetteSessionOptions
        {
            Mode = CassetteMode.Record,
            Recording = new RecordingOptions { OnWarning = warning => { lock (warnings) { warnings.Add(warning); } } },
        };
        McpAnswer answer;
        await using (var session = CassetteSession.Open(path, options))
        {
            using var http = session.CreateHttpClient(server.CreateHandler());
            // Without the client's standalone GET event stream, as the README advises for fixtures
            // that stay the same from one recording to the next: how that stream ends (closed
            // unread, cancelled, or ended empty by the server) differs from run to run, so it is
            // in some recordings and not in others.
            answer = await WeatherMcpServer.AskAsync(http, server.Endpoint, city, Token, standaloneGetStream: false);
        }

        Assert.True(File.Exists(path), $"No cassette was saved: {string.Join(" ", warnings)}");
        Assert.Equal([city], server.Cities);
        return (path, answer.SessionId);
    }

    [Fact]
    public async Task Diff_RecordedTwice_ReportsNoSemanticChanges()
    {
        var first = await RecordAsync("first.yaml");
        var second = await RecordAsync("second.yaml");

        var (exitCode, output, error) = CliRunner.Run("diff", first.Path, second.Path);

        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Contains(second.SessionId!, File.ReadAllText(second.Path), StringComparison.Ordinal);
        Assert.Equal("", error);
        // The whole report on failure: which interaction of the client's session differed.
        Assert.True(output == "No semantic changes in 1 cassette.\n", $"cassette diff reported:\n{output}");
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Diff_ToolCalledWithAnotherArgument_ReportsTheRequestAndTheResult()
    {
        var first = await RecordAsync("first.yaml");
        var second = await RecordAsync("second.yaml", city: "Lyon");

        var (exitCode, output, error) = CliRunner.Run("diff", "--color", "never", first.Path, second.Path);

        Assert.Equal("", error);
        Assert.Equal(
            """
            second.yaml (1 interaction changed)
              interaction 4: POST http://localhost/mcp
                request body
                  @@ $.params.arguments.city @@
                     "params": {
                       "arguments": {
                  -      "city": "Paris"
                  +      "city": "Lyon"
                       },
                       "name": "get_weather"
                response messages
                  @@ $[0].result.content[0].text @@
                         "content": [
                           {
                  -          "text": "Sunny, 24°C in Paris",
                  +          "text": "Sunny, 24°C in Lyon",
                             "type": "text"
                           }

            1 of 1 cassette changed.

            """,
            output.Replace(second.Path, "second.yaml", StringComparison.Ordinal));
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task Diff_ServerAnsweredDifferently_ReportsTheToolResult()
    {
        var first = await RecordAsync("first.yaml");
        var second = await RecordAsync("second.yaml", forecast: city => $"Rain, 12°C in {city}");

        var (exitCode, output, error) = CliRunner.Run("diff", "--color", "never", first.Path, second.Path);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("response messages", output, StringComparison.Ordinal);
        Assert.Contains("  -          \"text\": \"Sunny, 24°C in Paris\",\n", output, StringComparison.Ordinal);
        Assert.Contains("  +          \"text\": \"Rain, 12°C in Paris\",\n", output, StringComparison.Ordinal);
    }
}
