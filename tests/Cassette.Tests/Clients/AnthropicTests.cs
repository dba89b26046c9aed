using Cassette.Tests.Support;
using Microsoft.Extensions.AI;

namespace Cassette.Tests.Clients;

/// <summary>
/// The official Anthropic SDK, through its <see cref="IChatClient"/> with function invocation:
/// a streamed Messages conversation with extended thinking (<c>thinking_delta</c>,
/// <c>signature_delta</c>) and a <c>tool_use</c> block, and the same conversation unstreamed,
/// recorded from a fake Messages API, then replayed with the upstream gone.
/// </summary>
public sealed class AnthropicTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-anthropic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ThinkingThenToolUse_RecordedThenReplayedWithTheUpstreamGone(bool streaming)
    {
        string path = Path.Combine(_folder, "chat.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        var fake = new FakeAnthropic().Serve(upstream);

        var recorded = await WeatherChat.RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), ChatClients.Anthropic, streaming);
        var replayed = await WeatherChat.RunAsync(path, CassetteMode.Replay, new GoneUpstream(), ChatClients.Anthropic, streaming);

        Assert.Equal(fake.Answer, recorded.Response.Text);
        Assert.Equal(["Florence, Italy"], recorded.Locations);
        Assert.Equal(recorded.Response.Text, replayed.Response.Text);
        Assert.Equal(recorded.Locations, replayed.Locations);
        Assert.Contains(upstream.Received.First().Headers, h => h.Value.Contains(ChatClients.AnthropicApiKey, StringComparison.Ordinal));
        string saved = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ChatClients.AnthropicApiKey, saved, StringComparison.Ordinal);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
        if (streaming)
        {
            Assert.Contains("signature_delta", saved, StringComparison.Ordinal);
        }
    }
}
