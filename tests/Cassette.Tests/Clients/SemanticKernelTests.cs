using Cassette.Tests.Support;

namespace Cassette.Tests.Clients;

/// <summary>
/// Semantic Kernel 1.82's OpenAI connector with automatic function calling: the kernel calls a
/// plugin function from the model's tool call (by the name the kernel gave it,
/// <c>weather-get_weather</c>), recorded from an OpenAI-compatible upstream, then replayed with
/// the upstream gone.
/// </summary>
public sealed class SemanticKernelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-sk-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AutomaticFunctionCalling_RecordedThenReplayedWithTheUpstreamGone(bool streaming)
    {
        string path = Path.Combine(_folder, "chat.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        new FakeOpenAIChat().Serve(upstream);

        var recorded = await SemanticKernelChat.RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), streaming);
        var replayed = await SemanticKernelChat.RunAsync(path, CassetteMode.Replay, new GoneUpstream(), streaming);

        Assert.Equal(FakeUpstream.AnswerText, recorded.Text);
        Assert.Equal(["Florence, Italy"], recorded.Locations);
        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(recorded.Locations, replayed.Locations);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
    }
}
