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

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task GetStreamingResponseAsync_WithFunctionInvocation_RecordsThenReplaysWithTheUpstreamGone()
    {
        string path = Path.Combine(_folder, "streaming.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        new FakeOpenAIChat().Serve(upstream);

        var recorded = await WeatherChat.RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), ChatClients.OpenAI, streaming: true);
        var replayed = await WeatherChat.RunAsync(path, CassetteMode.Replay, new GoneUpstream(), ChatClients.OpenAI, streaming: true);

        Assert.Equal(FakeUpstream.AnswerText, recorded.Response.Text);
        Assert.Equal(["Florence, Italy"], recorded.Locations);
        Assert.Equal(recorded.Response.Text, replayed.Response.Text);
        Assert.Equal(recorded.Locations, replayed.Locations);
        Assert.Equal(2, upstream.Received.Count);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
    }

    [Fact]
    public async Task GetResponseAsync_WithFunctionInvocation_ReplaysTextUsageAndFinishReason()
    {
        string path = Path.Combine(_folder, "plain.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        new FakeOpenAIChat().Serve(upstream);

        var recorded = await WeatherChat.RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), ChatClients.OpenAI, streaming: false);
        var replayed = await WeatherChat.RunAsync(path, CassetteMode.Replay, new GoneUpstream(), ChatClients.OpenAI, streaming: false);

        Assert.Equal(FakeUpstream.AnswerText, recorded.Response.Text);
        Assert.Equal(FakeUpstream.AnswerText, replayed.Response.Text);
        Assert.Equal(["Florence, Italy"], replayed.Locations);
        Assert.Equal(recorded.Locations, replayed.Locations);
        Assert.Equal(ChatFinishReason.Stop, replayed.Response.FinishReason);
        // Function invocation adds up the usage of both calls: 20+12 prompt, 15+9 completion tokens.
        Assert.Equal(32, replayed.Response.Usage!.InputTokenCount);
        Assert.Equal(24, replayed.Response.Usage.OutputTokenCount);
    }
}
