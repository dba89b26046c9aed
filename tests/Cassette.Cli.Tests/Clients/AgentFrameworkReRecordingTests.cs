using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// A Microsoft Agent Framework agent recorded twice against an upstream that makes up new ids,
/// tool-call ids, timestamps, fingerprints and request ids on every call: <c>cassette diff</c>
/// finds no semantic change between the two, and does find another tool argument or answer.
/// </summary>
public sealed class AgentFrameworkReRecordingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private async Task<string> RecordAsync(string name, bool streaming, string location = "Florence, Italy", string answer = FakeUpstream.AnswerText)
    {
        string path = _temp.PathOf(name);
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = new MadeUpChatCompletions(upstream) { Location = location, Answer = answer }.HandleAsync;
        await using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record }))
        {
            using var http = session.CreateHttpClient(upstream.CreateHandler());
            http.BaseAddress = new Uri("http://localhost/");
            var tool = new WeatherTool();
            var response = streaming ? await WeatherAgent.RunStreamingAsync(http, tool, Token) : await WeatherAgent.RunAsync(http, tool, Token);
            Assert.Equal(answer, response.Text);
            Assert.Equal([location], tool.Locations);
        }

        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Diff_RecordedTwice_ReportsNoSemanticChanges(bool streaming)
    {
        string first = await RecordAsync("first.yaml", streaming);
        string second = await RecordAsync("second.yaml", streaming);

        var (exitCode, output, error) = CliRunner.Run("diff", first, second);

        Assert.NotEqual(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Diff_ModelCalledTheToolWithAnotherArgument_ReportsIt(bool streaming)
    {
        string first = await RecordAsync("first.yaml", streaming);
        string second = await RecordAsync("second.yaml", streaming, location: "Paris, France");

        var (exitCode, output, error) = CliRunner.Run("diff", "--color", "never", first, second);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("(2 interactions changed)", output, StringComparison.Ordinal);
        Assert.Contains(streaming ? "assembled message\n      @@ $.tool_calls[0].arguments.location @@" : "response body\n      @@ $.choices[0].message.tool_calls[0].function.arguments @@", output, StringComparison.Ordinal);
        Assert.Contains("Florence, Italy", output, StringComparison.Ordinal);
        Assert.Contains("Paris, France", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Diff_AnotherAnswer_ReportsIt(bool streaming)
    {
        string first = await RecordAsync("first.yaml", streaming);
        string second = await RecordAsync("second.yaml", streaming, answer: "The weather in Florence is rainy, 12°C.");

        var (exitCode, output, error) = CliRunner.Run("diff", "--color", "never", first, second);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("(1 interaction changed)\n  interaction 1: POST http://localhost/v1/chat/completions\n", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+-\s+""content"": ""The weather in Florence is sunny, 24°C\."",$", output);
        Assert.Matches(@"(?m)^\s+\+\s+""content"": ""The weather in Florence is rainy, 12°C\."",$", output);
    }
}
