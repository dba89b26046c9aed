using Cassette.Tests.Support;

namespace Cassette.Xunit.Tests;

/// <summary>
/// <see cref="UseCassetteAttribute"/> on the class and on a method: the method's decides which
/// cassette the test gets. The cassette is committed under <c>Fixtures/</c>.
/// </summary>
[UseCassette(Root = "Fixtures")]
public sealed class MostSpecificCassetteTests
{
    [CassetteFact]
    [UseCassette(Root = "Fixtures", Path = "MostSpecificCassetteTests/named-by-the-method.yaml")]
    public async Task Get_AttributeOnTheClassAndTheMethod_TheMethodsCassetteIsUsed()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"));

        Assert.EndsWith(Path.Combine("Fixtures", "MostSpecificCassetteTests", "named-by-the-method.yaml"), XunitCassette.Current.Path, StringComparison.Ordinal);
        Assert.Contains("\"target\":\"/v1/models\"", body, StringComparison.Ordinal);
        Assert.Equal(XunitCassette.Current.IsRecording ? 1 : 0, upstream.Received.Count);
    }
}
