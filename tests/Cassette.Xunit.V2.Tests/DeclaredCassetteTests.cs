using Cassette.Tests.Support;

namespace Cassette.Xunit.Tests;

/// <summary>
/// The attributes as a user writes them: each test's cassette is committed under
/// <c>Fixtures/DeclaredCassetteTests/</c> and replayed with no network (CI runs with
/// <c>CASSETTE_MODE=replay</c>). Run with <c>CASSETTE_MODE=record</c> to record them again from
/// the fake upstream.
/// </summary>
[UseCassette(Root = "Fixtures")]
public sealed class DeclaredCassetteTests
{
    [CassetteFact]
    public async Task Chat_ThroughTheTestsCassette_GetsTheAnswer()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await PostAsync(client, upstream, "Weather in Florence?", stream: false);

        Assert.Equal(FakeUpstream.Completion(FakeUpstream.AnswerText), body);
        Assert.EndsWith(Path.Combine("Fixtures", "DeclaredCassetteTests", "Chat_ThroughTheTestsCassette_GetsTheAnswer.yaml"), XunitCassette.Current.Path, StringComparison.Ordinal);
        Assert.Equal(XunitCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }

    [CassetteFact]
    public async Task Stream_ThroughTheTestsCassette_GetsEveryEvent()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await PostAsync(client, upstream, "Weather in Florence?", stream: true);

        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.AnswerEvents), body);
        Assert.Equal(XunitCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }

    [CassetteTheory]
    [InlineData("Florence")]
    [InlineData("Rome")]
    public async Task Chat_TheoryRow_HasACassetteOfItsOwn(string city)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await PostAsync(client, upstream, $"Weather in {city}?", stream: false);

        Assert.Equal(FakeUpstream.Completion(FakeUpstream.AnswerText), body);
        Assert.EndsWith(Path.Combine("Fixtures", "DeclaredCassetteTests", $"Chat_TheoryRow_HasACassetteOfItsOwn({city}).yaml"), XunitCassette.Current.Path, StringComparison.Ordinal);
        Assert.Contains(city, System.Text.Encoding.UTF8.GetString(Assert.Single(XunitCassette.Current.Cassette.Interactions).Request.Body.Span), StringComparison.Ordinal);
    }

    private static async Task<string> PostAsync(HttpClient client, FakeUpstream upstream, string question, bool stream)
    {
        string json = $$"""{"model":"fake-model",{{(stream ? "\"stream\":true," : "")}}"messages":[{"role":"user","content":"{{question}}"}]}""";
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(upstream.Url("v1/chat/completions"), content);
        return await response.Content.ReadAsStringAsync();
    }
}
