using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

/// <summary><c>cassette diff</c> on MCP's JSON-RPC over Streamable HTTP: messages compared by meaning, however they were framed.</summary>
public sealed class DiffCommandJsonRpcTests
{
    private static (int ExitCode, string Output, string Error) Diff(CassetteFile before, CassetteFile after, params string[] options)
    {
        using var temp = new TempDirectory();
        string oldPath = temp.PathOf("old.yaml");
        string newPath = temp.PathOf("new.yaml");
        before.Save(oldPath);
        after.Save(newPath);
        var result = CliRunner.Run(["diff", "--color", "never", .. options, oldPath, newPath]);
        return (result.ExitCode, result.Output.Replace(newPath, "new.yaml", StringComparison.Ordinal), result.Error);
    }

    [Fact]
    public void Diff_NewSessionIdAndRequestIds_ReportsNoSemanticChanges()
    {
        var before = TestInteractions.NewCassette(McpCassettes.Initialize(), McpCassettes.CallTool());
        var after = TestInteractions.NewCassette(McpCassettes.Initialize("Qm3p-0cJv8sWc2aRk1yZtA"), McpCassettes.CallTool(sessionId: "Qm3p-0cJv8sWc2aRk1yZtA", id: 7));

        var (exitCode, output, error) = Diff(before, after);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Diff_SessionIdUnmasked_ReportsIt()
    {
        var before = TestInteractions.NewCassette(McpCassettes.Initialize());
        var after = TestInteractions.NewCassette(McpCassettes.Initialize("Qm3p-0cJv8sWc2aRk1yZtA"));

        var (exitCode, output, _) = Diff(before, after, "--unmask", "Mcp-Session-Id");

        Assert.Equal(1, exitCode);
        Assert.Contains("-Mcp-Session-Id: twl-XAvI_I-mSPkToJJJ1g", output, StringComparison.Ordinal);
        Assert.Contains("+Mcp-Session-Id: Qm3p-0cJv8sWc2aRk1yZtA", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_ChangedToolResult_ShowsItAtItsPathInTheMessages()
    {
        var before = TestInteractions.NewCassette(McpCassettes.CallTool());
        var after = TestInteractions.NewCassette(McpCassettes.CallTool(answer: "Rain, 12°C in Paris"));

        var (exitCode, output, error) = Diff(before, after);

        Assert.Equal("", error);
        Assert.Equal(
            """
            new.yaml (1 interaction changed)
              interaction 0: POST http://localhost/mcp
                response messages
                  @@ $[1].result.content[0].text @@
                         "content": [
                           {
                  -          "text": "Sunny, 24°C in Paris",
                  +          "text": "Rain, 12°C in Paris",
                             "type": "text"
                           }

            1 of 1 cassette changed.

            """,
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_ResultAnsweredAsJsonInsteadOfEvents_ComparesTheMessagesNotTheFraming()
    {
        var before = TestInteractions.NewCassette(McpCassettes.ListTools());
        var asEvents = McpCassettes.ListTools();
        string json = System.Text.Encoding.UTF8.GetString(asEvents.Response.Body.Span);
        var after = TestInteractions.NewCassette(asEvents with
        {
            Response = asEvents.Response with
            {
                Body = System.Text.Encoding.UTF8.GetBytes($"event: message\ndata: {json}\n\n"),
                Headers = new Dictionary<string, IReadOnlyList<string>>(asEvents.Response.Headers) { ["Content-Type"] = ["text/event-stream"] },
            },
        });

        var (exitCode, output, error) = Diff(before, after);

        // The content type changed, and says so; the messages did not.
        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("response headers", output, StringComparison.Ordinal);
        Assert.DoesNotContain("response messages", output, StringComparison.Ordinal);
        Assert.DoesNotContain("response body", output, StringComparison.Ordinal);
        Assert.DoesNotContain("response events", output, StringComparison.Ordinal);
    }
}
