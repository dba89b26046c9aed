using Cassette.Tests.Support;

namespace Cassette.NUnit.Tests;

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
        using var client = NUnitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"), TestContext.CurrentContext.CancellationToken);

        Assert.That(_configured, Is.True);
        Assert.That(body, Does.Contain("\"target\":\"/v1/models\""));
        var recorded = NUnitCassette.Current.Cassette.Interactions.Single();
        Assert.That(recorded.Response.Headers.Keys, Is.EqualTo(new[] { "Content-Type" }));
    }
}
