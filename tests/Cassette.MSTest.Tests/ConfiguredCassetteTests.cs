using Cassette.Tests.Support;

namespace Cassette.MSTest.Tests;

/// <summary>A test class that adjusts its cassettes' options through <see cref="IConfigureCassette"/>.</summary>
[TestClass]
[UseCassette(Root = "Fixtures")]
public sealed class ConfiguredCassetteTests : CassetteTest, IConfigureCassette
{
    private bool _configured;

    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options)
    {
        options.Recording.KeptHeaders.Add("Content-Type");
        _configured = true;
    }

    [TestMethod]
    public async Task Get_WithKeptHeaders_RecordsOnlyContentType()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = MSTestCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"), TestContext.CancellationToken);

        Assert.IsTrue(_configured);
        StringAssert.Contains(body, "\"target\":\"/v1/models\"", StringComparison.Ordinal);
        var recorded = MSTestCassette.Current.Cassette.Interactions.Single();
        CollectionAssert.AreEqual(new[] { "Content-Type" }, recorded.Response.Headers.Keys.ToArray());
    }
}
