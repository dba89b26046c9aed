namespace Cassette.MSTest.InnerTests;

/// <summary>A test that records, then fails: its committed cassette must stay as it was.</summary>
[TestClass]
public sealed class FailingTests : CassetteTest
{
    [TestMethod]
    public async Task Get_ThenFails()
    {
        using var upstream = new Upstream();
        using var client = Upstream.Client(upstream);

        await client.GetStringAsync(Upstream.Url("/fresh"), TestContext.CancellationToken);

        Assert.Fail("The test's own failure.");
    }
}
