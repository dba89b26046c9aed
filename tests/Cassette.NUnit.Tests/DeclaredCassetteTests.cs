using System.Text;
using Cassette.Tests.Support;

namespace Cassette.NUnit.Tests;

/// <summary>
/// The attribute as a user writes it: each test's cassette is committed under
/// <c>Fixtures/DeclaredCassetteTests/</c> and replayed with no network (CI runs with
/// <c>CASSETTE_MODE=replay</c>). Run with <c>CASSETTE_MODE=record</c> to record them again from
/// the fake upstream. On the class, the attribute opens the cassette before <c>[SetUp]</c>, which
/// makes the client.
/// </summary>
[UseCassette(Root = "Fixtures")]
public sealed class DeclaredCassetteTests
{
    private FakeUpstream? _upstream;
    private HttpClient? _client;

    private FakeUpstream Upstream => _upstream!;

    private HttpClient Client => _client!;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [SetUp]
    public async Task StartTheUpstreamAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _client = NUnitCassette.Current.CreateHttpClient(_upstream.CreateHandler());
    }

    [TearDown]
    public async Task StopTheUpstreamAsync()
    {
        _client?.Dispose();
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    [Test]
    public async Task Chat_ThroughTheTestsCassette_GetsTheAnswer()
    {
        using var content = new StringContent("""{"model":"fake-model","messages":[{"role":"user","content":"Weather in Florence?"}]}""", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(Upstream.Url("v1/chat/completions"), content, Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.That(body, Is.EqualTo(FakeUpstream.Completion(FakeUpstream.AnswerText)));
        Assert.That(NUnitCassette.Current.Path, Does.EndWith(Path.Combine("Fixtures", "DeclaredCassetteTests", "Chat_ThroughTheTestsCassette_GetsTheAnswer.yaml")));
        Assert.That(Upstream.Received, Has.Count.EqualTo(NUnitCassette.Current.IsRecording ? 1 : 0));
    }

    [Test]
    public async Task Stream_ThroughTheTestsCassette_GetsEveryEvent()
    {
        using var content = new StringContent("""{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"Weather in Florence?"}]}""", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(Upstream.Url("v1/chat/completions"), content, Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.That(body, Is.EqualTo(FakeUpstream.SseBody(FakeUpstream.AnswerEvents)));
        Assert.That(Upstream.Received, Has.Count.EqualTo(NUnitCassette.Current.IsRecording ? 1 : 0));
    }

    [TestCase("v1/models")]
    public async Task Get_TestCase_ItsCassetteIsNamedWithTheArguments(string target)
    {
        string body = await Client.GetStringAsync(Upstream.Url(target), Token);

        Assert.That(body, Does.Contain($"\"target\":\"/{target}\""));
        Assert.That(NUnitCassette.Current.Path, Does.EndWith(Path.Combine("DeclaredCassetteTests", $"Get_TestCase_ItsCassetteIsNamedWithTheArguments({target.Replace('/', '_')}).yaml")));
    }
}
