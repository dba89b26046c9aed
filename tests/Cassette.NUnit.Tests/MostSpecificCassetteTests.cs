using Cassette.Tests.Support;

namespace Cassette.NUnit.Tests;

/// <summary>
/// <see cref="UseCassetteAttribute"/> on the class and on a method: NUnit runs both, and the
/// method's decides which cassette the test gets. The cassette is committed under <c>Fixtures/</c>.
/// </summary>
[UseCassette(Root = "Fixtures")]
public sealed class MostSpecificCassetteTests
{
    [Test]
    [UseCassette(Root = "Fixtures", Path = "MostSpecificCassetteTests/named-by-the-method.yaml")]
    public async Task Get_AttributeOnTheClassAndTheMethod_TheMethodsCassetteIsUsed()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = NUnitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"), TestContext.CurrentContext.CancellationToken);

        Assert.That(NUnitCassette.Current.Path, Does.EndWith(Path.Combine("Fixtures", "MostSpecificCassetteTests", "named-by-the-method.yaml")));
        Assert.That(body, Does.Contain("\"target\":\"/v1/models\""));
        Assert.That(upstream.Received, Has.Count.EqualTo(NUnitCassette.Current.IsRecording ? 1 : 0));
    }
}
