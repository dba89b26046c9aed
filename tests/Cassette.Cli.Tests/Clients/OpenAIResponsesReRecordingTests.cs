// The OpenAI SDK marks its Responses API, and Microsoft.Extensions.AI its IChatClient over it, as evaluation-only.
#pragma warning disable OPENAI001

using System.ClientModel;
using System.ClientModel.Primitives;
using Cassette.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// A conversation over the Responses API, through Microsoft.Extensions.AI with function
/// invocation, recorded twice: the provider makes up new ids, <c>created_at</c>, request ids and so
/// a new <c>previous_response_id</c> each time, and <c>cassette diff</c> sees no change in meaning
/// until the answer or the function's arguments change.
/// </summary>
public sealed class OpenAIResponsesReRecordingTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    private static async Task<string> RecordAsync(string path, ResponsesApi api, bool streaming)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => api.HandleAsync(context, upstream.Received.Last().Body);
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record });
        using var http = session.CreateHttpClient(upstream.CreateHandler());
        var responses = new ResponsesClient(
            new ApiKeyCredential("sk-proj-not-a-real-key"),
            new ResponsesClientOptions { Endpoint = upstream.Url("v1"), Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });
        using var chat = responses.AsIChatClient("gpt-4.1").AsBuilder().UseFunctionInvocation().Build();
        var tool = new WeatherTool();
        var response = await ChatTurn.AskAsync(chat, "What's the weather in Florence, Italy?", new ChatOptions { Tools = [tool.Function] }, streaming, Token);
        Assert.Equal([api.Location], tool.Locations);
        return response.Text;
    }

    private async Task<(int ExitCode, string Output, string Error)> RecordTwiceAndDiffAsync(ResponsesApi first, ResponsesApi second, bool streaming)
    {
        string firstPath = _folder.PathOf("first.yaml");
        string secondPath = _folder.PathOf("second.yaml");
        Assert.Equal(first.Answer, await RecordAsync(firstPath, first, streaming));
        Assert.Equal(second.Answer, await RecordAsync(secondPath, second, streaming));
        // The follow-up request names a response id made up anew: the cassettes differ on disk.
        Assert.NotEqual(first.ResponseIds[0], second.ResponseIds[0]);
        Assert.Contains(second.ResponseIds[0], await File.ReadAllTextAsync(secondPath, Token), StringComparison.Ordinal);
        return CliRunner.Run("diff", "--color", "never", firstPath, secondPath);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_NoSemanticChanges(bool streaming)
    {
        var (exitCode, output, error) = await RecordTwiceAndDiffAsync(new ResponsesApi(), new ResponsesApi { CreatedAt = 1764882000 }, streaming);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithAnotherAnswer_ReportsTheAnswer(bool streaming)
    {
        var changed = new ResponsesApi { Answer = "The weather in Florence is rainy, 14°C." };

        var (exitCode, output, error) = await RecordTwiceAndDiffAsync(new ResponsesApi(), changed, streaming);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("rainy,", output, StringComparison.Ordinal);
        Assert.DoesNotContain("No semantic changes", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithAnotherFunctionArgument_ReportsTheArgument(bool streaming)
    {
        var changed = new ResponsesApi { Location = "Siena, Italy" };

        var (exitCode, output, error) = await RecordTwiceAndDiffAsync(new ResponsesApi(), changed, streaming);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("Siena, Italy", output, StringComparison.Ordinal);
    }
}
