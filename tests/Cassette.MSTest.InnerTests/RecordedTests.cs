namespace Cassette.MSTest.InnerTests;

/// <summary>Tests that pass when recorded and again when replayed, without the upstream.</summary>
[TestClass]
public sealed class RecordedTests : CassetteTest
{
    [TestMethod]
    public async Task Get_Passes()
    {
        using var upstream = new Upstream();
        using var client = Upstream.Client(upstream);

        string body = await client.GetStringAsync(Upstream.Url("/hello"), TestContext.CancellationToken);

        Assert.AreEqual("{\"path\":\"/hello\"}", body);
        Assert.AreEqual(MSTestCassette.Current.IsRecording ? 1 : 0, upstream.Received);
    }

    [TestMethod]
    [DataRow("gpt-4o", 2)]
    [DataRow(null, 1)]
    public async Task Get_WithRow(string? model, int turns)
    {
        using var upstream = new Upstream();
        using var client = Upstream.Client(upstream);

        string body = await client.GetStringAsync(Upstream.Url($"/{model}/{turns}"), TestContext.CancellationToken);

        Assert.AreEqual($"{{\"path\":\"/{model}/{turns}\"}}", body);
        Assert.AreEqual(MSTestCassette.Current.IsRecording ? 1 : 0, upstream.Received);
    }
}
