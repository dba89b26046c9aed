using Cassette.Tests.Support;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// OllamaSharp's streamed chat client with function invocation, and its raw generate stream,
/// recorded twice: Ollama stamps new <c>created_at</c> times and <c>*_duration</c> timings on
/// every line and the client makes up a new CallId for the tool message, and <c>cassette diff</c>
/// sees no change in meaning until the answer or the tool's argument changes.
/// </summary>
public sealed class OllamaReRecordingTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    private static async Task<string> RecordAsync(string path, OllamaApi api, bool generate)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => api.HandleAsync(context, upstream.Received.Last().Body);
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record });
        using var http = session.CreateHttpClient(upstream.CreateHandler());
        http.BaseAddress = new Uri("http://localhost:11434/");
        using var ollama = new OllamaApiClient(http, OllamaApi.Model);
        if (generate)
        {
            string text = "";
            await foreach (var line in ollama.GenerateAsync(new GenerateRequest { Model = OllamaApi.Model, Prompt = "What is the weather in Paris?", Stream = true }, Token))
            {
                text += line?.Response;
            }

            return text;
        }

        var tool = new WeatherTool();
        using var chat = new ChatClientBuilder(ollama).UseFunctionInvocation().Build();
        var response = await ChatTurn.AskAsync(chat, "What is the weather in Paris?", new ChatOptions { Tools = [tool.Function] }, streaming: true, Token);
        Assert.Equal([api.Location], tool.Locations);
        return response.Text;
    }

    private async Task<(int ExitCode, string Output, string Error)> RecordTwiceAndDiffAsync(OllamaApi first, OllamaApi second, bool generate)
    {
        string firstPath = _folder.PathOf("first.yaml");
        string secondPath = _folder.PathOf("second.yaml");
        Assert.Equal(first.Answer, await RecordAsync(firstPath, first, generate));
        Assert.Equal(second.Answer, await RecordAsync(secondPath, second, generate));
        return CliRunner.Run("diff", "--color", "never", firstPath, secondPath);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_NoSemanticChanges(bool generate)
    {
        var later = new OllamaApi { Started = new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero) };

        var (exitCode, output, error) = await RecordTwiceAndDiffAsync(new OllamaApi(), later, generate);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Diff_ReRecordedWithAnotherAnswer_ReportsTheAnswer(bool generate)
    {
        var changed = new OllamaApi { Answer = "It is rainy in Paris, 14°C." };

        var (exitCode, output, error) = await RecordTwiceAndDiffAsync(new OllamaApi(), changed, generate);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("rainy", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_ReRecordedWithAnotherToolArgument_ReportsTheArgument()
    {
        var changed = new OllamaApi { Location = "Lyon" };

        var (exitCode, output, error) = await RecordTwiceAndDiffAsync(new OllamaApi(), changed, generate: false);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("Lyon", output, StringComparison.Ordinal);
    }
}
