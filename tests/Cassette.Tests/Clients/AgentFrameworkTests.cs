using Cassette.Tests.Support;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Cassette.Tests.Clients;

/// <summary>
/// Microsoft Agent Framework: a <see cref="ChatClientAgent"/> over the OpenAI SDK's chat
/// completions, with a function tool, run streamed and unstreamed: recorded from an
/// OpenAI-compatible upstream that makes up its ids and timestamps, then replayed with the
/// upstream gone, the tool called again from the replayed tool call.
/// </summary>
public sealed class AgentFrameworkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-agents-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(AgentResponse Response, List<string> Locations)> RunAsync(
        string path, CassetteMode mode, HttpMessageHandler upstream, Func<HttpClient, WeatherTool, CancellationToken, Task<AgentResponse>> run)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        http.BaseAddress = new Uri("http://localhost/");
        var tool = new WeatherTool();
        var response = await run(http, tool, Token);
        session.VerifyAllPlayed();
        return (response, tool.Locations);
    }

    public static TheoryData<string> Runs => new() { nameof(WeatherAgent.RunAsync), nameof(WeatherAgent.RunStreamingAsync) };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Run_WithAFunctionTool_RecordsThenReplaysTextToolCallAndUsageWithTheUpstreamGone(string run)
    {
        Func<HttpClient, WeatherTool, CancellationToken, Task<AgentResponse>> agent =
            run == nameof(WeatherAgent.RunAsync) ? WeatherAgent.RunAsync : WeatherAgent.RunStreamingAsync;
        string path = Path.Combine(_folder, run + ".yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = new MadeUpChatCompletions(upstream).HandleAsync;

        var recorded = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), agent);
        var replayed = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), agent);

        Assert.Equal(2, upstream.Received.Count);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
        foreach (var (response, locations) in new[] { recorded, replayed })
        {
            Assert.Equal(FakeUpstream.AnswerText, response.Text);
            var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
            Assert.Equal("get_weather", call.Name);
            Assert.Equal("Florence, Italy", call.Arguments!["location"]?.ToString());
            var result = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
            Assert.Equal(call.CallId, result.CallId);
            Assert.Equal(["Florence, Italy"], locations);

            // Both model calls' usage added up: 20+12 prompt, 15+9 completion tokens.
            Assert.Equal(32, response.Usage!.InputTokenCount);
            Assert.Equal(24, response.Usage.OutputTokenCount);
        }

        Assert.Equal(recorded.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().CallId,
            replayed.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().CallId);
    }
}
