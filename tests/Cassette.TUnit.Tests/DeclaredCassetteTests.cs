using Cassette.Tests.Support;

namespace Cassette.TUnit.Tests;

/// <summary>
/// The attribute as a user writes it: each test's cassette is committed under
/// <c>Fixtures/DeclaredCassetteTests/</c> and replayed with no network (CI runs with
/// <c>CASSETTE_MODE=replay</c>). Run with <c>CASSETTE_MODE=record</c> to record them again from
/// the fake upstream.
/// </summary>
[UseCassette(Root = "Fixtures")]
public sealed class DeclaredCassetteTests
{
    private FakeUpstream? _upstream;
    private HttpClient? _client;

    private static CancellationToken Token => TestContext.Current!.Execution.CancellationToken;

    // The class's hooks run inside the test's cassette, so a client made here records and replays.
    [Before(Test)]
    public async Task StartUpstream()
    {
        _upstream = await FakeUpstream.StartAsync();
        _client = TUnitCassette.Current.CreateHttpClient(_upstream.CreateHandler());
    }

    [After(Test)]
    public async Task StopUpstream()
    {
        _client?.Dispose();
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    private async Task<string> AskAsync(string question)
    {
        using var content = new StringContent($$"""{"model":"fake-model","messages":[{"role":"user","content":"{{question}}"}]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client!.PostAsync(_upstream!.Url("v1/chat/completions"), content, Token);
        return await response.Content.ReadAsStringAsync(Token);
    }

    [Test]
    public async Task Chat_ThroughTheTestsCassette_GetsTheAnswer()
    {
        string body = await AskAsync("Weather in Florence?");

        await Assert.That(body).IsEqualTo(FakeUpstream.Completion(FakeUpstream.AnswerText));
        await Assert.That(TUnitCassette.Current.Path).EndsWith(Path.Combine("Fixtures", "DeclaredCassetteTests", "Chat_ThroughTheTestsCassette_GetsTheAnswer.yaml"));
        await Assert.That(_upstream!.Received.Count).IsEqualTo(TUnitCassette.Current.IsRecording ? 1 : 0);
    }

    [Test]
    [Arguments("Florence", 2)]
    public async Task Chat_WithArguments_HasACassetteNamedAfterThem(string city, int days)
    {
        string body = await AskAsync($"Weather in {city} for {days} days?");

        await Assert.That(body).IsEqualTo(FakeUpstream.Completion(FakeUpstream.AnswerText));
        await Assert.That(TUnitCassette.Current.Path).EndsWith(Path.Combine("Fixtures", "DeclaredCassetteTests", "Chat_WithArguments_HasACassetteNamedAfterThem(Florence, 2).yaml"));
        await Assert.That(_upstream!.Received.Count).IsEqualTo(TUnitCassette.Current.IsRecording ? 1 : 0);
    }
}
