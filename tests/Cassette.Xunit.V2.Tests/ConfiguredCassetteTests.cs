using Cassette.Tests.Support;

namespace Cassette.Xunit.Tests;

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

    [CassetteFact]
    public async Task Get_WithKeptHeaders_RecordsOnlyContentType()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"));

        Assert.True(_configured);
        Assert.Contains("\"target\":\"/v1/models\"", body, StringComparison.Ordinal);
        var recorded = Assert.Single(XunitCassette.Current.Cassette.Interactions);
        Assert.Equal(["Content-Type"], recorded.Response.Headers.Keys);
    }
}
