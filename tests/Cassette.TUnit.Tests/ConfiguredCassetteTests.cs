using Cassette.Tests.Support;

namespace Cassette.TUnit.Tests;

/// <summary>A test class that adjusts its cassettes' options through <see cref="IConfigureCassette"/>.</summary>
[UseCassette(Root = "Fixtures")]
public sealed class ConfiguredCassetteTests : IConfigureCassette
{
    private bool _configured;

    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options)
    {
        options.Recording.KeptHeaders.Add("Content-Type");
        _configured = true;
    }

    [Test]
    public async Task Get_WithKeptHeaders_RecordsOnlyContentType()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = TUnitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"), TestContext.Current!.Execution.CancellationToken);

        await Assert.That(_configured).IsTrue();
        await Assert.That(body).Contains("\"target\":\"/v1/models\"");
        var recorded = TUnitCassette.Current.Cassette.Interactions.Single();
        await Assert.That(recorded.Response.Headers.Keys).IsEquivalentTo(["Content-Type"]);
    }
}
