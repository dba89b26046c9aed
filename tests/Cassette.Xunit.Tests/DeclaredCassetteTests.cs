using Cassette.Tests.Support;

namespace Cassette.Xunit.Tests;

/// <summary>
/// The attribute as a user writes it: each test's cassette is committed under
/// <c>Fixtures/DeclaredCassetteTests/</c> and replayed with no network (CI runs with
/// <c>CASSETTE_MODE=replay</c>). Run with <c>CASSETTE_MODE=record</c> to record them again from
/// the fake upstream.
/// </summary>
[UseCassette(Root = "Fixtures")]
public sealed class DeclaredCassetteTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_ThroughTheTestsCassette_GetsTheAnswer()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler());
        using var content = new StringContent("""{"model":"fake-model","messages":[{"role":"user","content":"Weather in Florence?"}]}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(upstream.Url("v1/chat/completions"), content, Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(FakeUpstream.Completion(FakeUpstream.AnswerText), body);
        Assert.EndsWith(Path.Combine("Fixtures", "DeclaredCassetteTests", "Chat_ThroughTheTestsCassette_GetsTheAnswer.yaml"), XunitCassette.Current.Path, StringComparison.Ordinal);
        Assert.Equal(XunitCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }

    [Fact]
    public async Task Stream_ThroughTheTestsCassette_GetsEveryEvent()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler());
        using var content = new StringContent("""{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"Weather in Florence?"}]}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(upstream.Url("v1/chat/completions"), content, Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.AnswerEvents), body);
        Assert.Equal(XunitCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }
}
