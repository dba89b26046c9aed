using Cassette;
using Cassette.Xunit;
using Xunit;

namespace Inner;

/// <summary>A test class that adjusts its cassettes' options, with state its constructor set.</summary>
public sealed class ConfiguredTests : IConfigureCassette
{
    private readonly string _keptHeader = "Content-Type";
    private int _configured;

    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options)
    {
        options.Recording.KeptHeaders.Add(_keptHeader);
        _configured++;
    }

    [CassetteFact]
    public async Task ConfiguresItsCassette()
    {
        using var http = XunitCassette.Current.CreateHttpClient(new Upstream());
        await http.GetStringAsync(Upstream.BaseUrl + "configured");

        Assert.Equal(1, _configured);
        var recorded = Assert.Single(XunitCassette.Current.Cassette.Interactions);
        Assert.Equal(["Content-Type"], recorded.Response.Headers.Keys);
    }
}
