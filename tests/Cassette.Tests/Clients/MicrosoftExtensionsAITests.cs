using Cassette.Tests.Support;
using Microsoft.Extensions.AI;

namespace Cassette.Tests.Clients;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="IChatClient"/> over the OpenAI SDK, with automatic
/// function invocation: recorded from an OpenAI-compatible upstream, then replayed with the
/// upstream gone, the tool called again from the replayed tool call.
/// </summary>
public sealed class MicrosoftExtensionsAITests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-meai-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The chat client a user builds: the OpenAI SDK's, as an IChatClient, with function invocation.</summary>
    private static IChatClient ChatClient(HttpClient http) =>
        FakeChatClient.Over(http)
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();

    private static ChatOptions Options(WeatherTool tool) => new() { Tools = [tool.Function] };

    private static List<ChatMessage> Question() => [new(ChatRole.User, "What's the weather in Florence, Italy?")];

    private static async Task<(string Text, List<string> Locations)> RunAsync(string path, CassetteMode mode, HttpMessageHandler upstream, Func<IChatClient, WeatherTool, Task<string>> chat)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        http.BaseAddress = new Uri("http://localhost/");
        var tool = new WeatherTool();
        string text = await chat(ChatClient(http), tool);
        session.VerifyAllPlayed();
        return (text, tool.Locations);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_WithFunctionInvocation_RecordsThenReplaysWithTheUpstreamGone()
    {
        string path = Path.Combine(_folder, "streaming.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        async Task<string> Chat(IChatClient client, WeatherTool tool)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(Question(), Options(tool), Token))
            {
                updates.Add(update);
            }

            return updates.ToChatResponse().Text;
        }

        var recorded = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), Chat);
        var replayed = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), Chat);

        Assert.Equal(FakeUpstream.AnswerText, recorded.Text);
        Assert.Equal(["Florence, Italy"], recorded.Locations);
        Assert.Equal(recorded, replayed, (a, b) => a.Text == b.Text && a.Locations.SequenceEqual(b.Locations));
        Assert.Equal(2, upstream.Received.Count);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
    }

    [Fact]
    public async Task GetResponseAsync_WithFunctionInvocation_ReplaysTextUsageAndFinishReason()
    {
        string path = Path.Combine(_folder, "plain.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = upstream.ToolCallFirstAsync;
        ChatResponse? last = null;
        async Task<string> Chat(IChatClient client, WeatherTool tool)
        {
            last = await client.GetResponseAsync(Question(), Options(tool), Token);
            return last.Text;
        }

        var recorded = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), Chat);
        var replayed = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), Chat);

        Assert.Equal(FakeUpstream.AnswerText, recorded.Text);
        Assert.Equal(FakeUpstream.AnswerText, replayed.Text);
        Assert.Equal(["Florence, Italy"], replayed.Locations);
        Assert.Equal(recorded.Locations, replayed.Locations);
        Assert.Equal(ChatFinishReason.Stop, last!.FinishReason);
        // Function invocation adds up the usage of both calls: 20+12 prompt, 15+9 completion tokens.
        Assert.Equal(32, last.Usage!.InputTokenCount);
        Assert.Equal(24, last.Usage.OutputTokenCount);
    }
}
