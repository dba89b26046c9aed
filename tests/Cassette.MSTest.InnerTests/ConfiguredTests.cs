namespace Cassette.MSTest.InnerTests;

/// <summary>
/// A class whose attribute and <see cref="IConfigureCassette"/> decide over the assembly's, and
/// whose own set-up runs after the cassette is open.
/// </summary>
[TestClass]
[UseCassette(Root = "configured")]
public sealed class ConfiguredTests : CassetteTest, IConfigureCassette
{
    private string? _pathAtSetUp;

    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options) =>
        options.Recording.KeptHeaders.Add("Content-Type");

    [TestInitialize]
    public void ReadThePath() => _pathAtSetUp = MSTestCassette.Current.Path;

    [TestMethod]
    public async Task Get_KeepsOnlyContentType()
    {
        using var upstream = new Upstream();
        using var client = Upstream.Client(upstream);

        await client.GetStringAsync(Upstream.Url("/configured"), TestContext.CancellationToken);

        Assert.AreEqual(MSTestCassette.Current.Path, _pathAtSetUp);
        var recorded = MSTestCassette.Current.Cassette.Interactions.Single();
        Assert.AreEqual("Content-Type", string.Join(", ", recorded.Response.Headers.Keys));
    }
}
