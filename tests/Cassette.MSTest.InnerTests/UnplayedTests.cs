namespace Cassette.MSTest.InnerTests;

/// <summary>Tests that record two requests and, replayed, send only the first.</summary>
[TestClass]
public sealed class UnplayedTests : CassetteTest
{
    [TestMethod]
    public async Task Passes_ReplayingOnlyTheFirst() => await SendAsync();

    [TestMethod]
    public async Task Fails_ReplayingOnlyTheFirst()
    {
        await SendAsync();

        Assert.IsTrue(MSTestCassette.Current.IsRecording, "The test's own failure.");
    }

    [TestMethod]
    [UseCassette(VerifyAllPlayed = false)]
    public async Task Passes_ReplayingOnlyTheFirst_VerifyOff() => await SendAsync();

    private async Task SendAsync()
    {
        using var upstream = new Upstream();
        using var client = Upstream.Client(upstream);
        await client.GetStringAsync(Upstream.Url("/first"), TestContext.CancellationToken);
        if (MSTestCassette.Current.IsRecording)
        {
            await client.GetStringAsync(Upstream.Url("/second"), TestContext.CancellationToken);
        }
    }
}
