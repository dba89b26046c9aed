using System.Text.Json.Nodes;
using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Issues;

/// <summary>
/// A value the client makes up inside a JSON-encoded string (OllamaSharp's CallId in a tool
/// message's content) is masked by a JSON path that enters the string: by default for that
/// CallId, and for any path given to <c>--mask</c>.
/// </summary>
public sealed class DiffJsonPathMaskTests
{
    private const string CallIdPath = "$.messages[*].content#.CallId";

    [Fact]
    public void Diff_ToolMessagesDifferingOnlyInTheClientsCallId_ReportsNoSemanticChanges()
    {
        var (exitCode, output, error) = Diff(ToolTurn("4dbcdcec", "40 C"), ToolTurn("9a0b7c1e", "40 C"));

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Diff_ToolResultChangedBesideTheCallId_ReportsTheResult()
    {
        var (exitCode, output, error) = Diff(ToolTurn("4dbcdcec", "40 C"), ToolTurn("9a0b7c1e", "12 C"));

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("12 C", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_CallIdPathUnmasked_ReportsTheCallId()
    {
        var (exitCode, output, _) = Diff(ToolTurn("4dbcdcec", "40 C"), ToolTurn("9a0b7c1e", "40 C"), "--unmask", CallIdPath);

        Assert.Equal(1, exitCode);
        Assert.Contains("9a0b7c1e", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MaskedJsonPathIntoAString_IgnoresJustThatValue()
    {
        var (exitCode, output, error) = Diff(ToolTurn("4dbcdcec", "40 C"), ToolTurn("4dbcdcec", "12 C"), "--mask", "$.messages[*].content#.Result");

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    // OllamaSharp's second chat request: the tool message's content is a JSON string holding the
    // CallId the client made up and the function's result.
    private static string ToolTurn(string callId, string result)
    {
        var content = new JsonObject { ["CallId"] = callId, ["Result"] = result }.ToJsonString();
        return new JsonObject
        {
            ["model"] = "llama3.2",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Weather in Paris?" },
                new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = new JsonArray(new JsonObject { ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = new JsonObject { ["city"] = "Paris" } } }) },
                new JsonObject { ["role"] = "tool", ["content"] = content }),
            ["stream"] = false,
        }.ToJsonString();
    }

    private static (int ExitCode, string Output, string Error) Diff(string oldRequest, string newRequest, params string[] options)
    {
        using var temp = new TempDirectory();
        string oldPath = temp.PathOf("old.yaml");
        string newPath = temp.PathOf("new.yaml");
        const string answer = """{"model":"llama3.2","message":{"role":"assistant","content":"It is 40 C in Paris."},"done":true,"done_reason":"stop"}""";
        TestInteractions.NewCassette(TestInteractions.Post(oldRequest, answer)).Save(oldPath);
        TestInteractions.NewCassette(TestInteractions.Post(newRequest, answer)).Save(newPath);
        return CliRunner.Run(["diff", "--color", "never", .. options, oldPath, newPath]);
    }
}
