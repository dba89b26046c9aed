using Cassette.Tests.Support;

namespace Cassette.MSTest.Tests;

/// <summary>
/// The base class and the attribute as a user writes them: each test's cassette is committed under
/// <c>Fixtures/DeclaredCassetteTests/</c> and replayed with no network (CI runs with
/// <c>CASSETTE_MODE=replay</c>). Run with <c>CASSETTE_MODE=record</c> to record them again from
/// the fake upstream.
/// </summary>
[TestClass]
[UseCassette(Root = "Fixtures")]
public sealed class DeclaredCassetteTests : CassetteTest
{
    [TestMethod]
    public async Task Chat_ThroughTheTestsCassette_GetsTheAnswer()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = MSTestCassette.Current.CreateHttpClient(upstream.CreateHandler());
        using var content = new StringContent("""{"model":"fake-model","messages":[{"role":"user","content":"Weather in Florence?"}]}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(upstream.Url("v1/chat/completions"), content, TestContext.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.CancellationToken);

        Assert.AreEqual(FakeUpstream.Completion(FakeUpstream.AnswerText), body);
        StringAssert.EndsWith(MSTestCassette.Current.Path, Path.Combine("Fixtures", "DeclaredCassetteTests", "Chat_ThroughTheTestsCassette_GetsTheAnswer.yaml"), StringComparison.Ordinal);
        Assert.AreEqual(MSTestCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }

    [TestMethod]
    [DataRow("gpt-4o", 2)]
    public async Task Get_DataRow_TheCassetteIsNamedWithTheArguments(string model, int turns)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = MSTestCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url($"v1/models/{model}?turns={turns}"), TestContext.CancellationToken);

        StringAssert.Contains(body, $"\"target\":\"/v1/models/{model}?turns={turns}\"", StringComparison.Ordinal);
        StringAssert.EndsWith(MSTestCassette.Current.Path, Path.Combine("Fixtures", "DeclaredCassetteTests", $"Get_DataRow_TheCassetteIsNamedWithTheArguments({model}, {turns}).yaml"), StringComparison.Ordinal);
        Assert.AreEqual(MSTestCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }

    [TestMethod]
    [UseCassette(Root = "Fixtures", Path = "DeclaredCassetteTests/named-by-the-method.yaml")]
    public async Task Get_AttributeOnTheClassAndTheMethod_TheMethodsCassetteIsUsed()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = MSTestCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"), TestContext.CancellationToken);

        StringAssert.Contains(body, "\"target\":\"/v1/models\"", StringComparison.Ordinal);
        StringAssert.EndsWith(MSTestCassette.Current.Path, Path.Combine("Fixtures", "DeclaredCassetteTests", "named-by-the-method.yaml"), StringComparison.Ordinal);
        Assert.AreEqual(MSTestCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }
}
