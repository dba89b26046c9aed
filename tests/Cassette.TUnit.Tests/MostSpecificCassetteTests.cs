using Cassette.Tests.Support;

namespace Cassette.TUnit.Tests;

/// <summary>
/// <see cref="UseCassetteAttribute"/> on the class and on a method: TUnit runs only the method's,
/// so the test gets the method's cassette (in replay the class's, which does not exist, would fail
/// it). The cassette is committed under <c>Fixtures/</c>.
/// </summary>
[UseCassette(Root = "Fixtures")]
public sealed class MostSpecificCassetteTests
{
    [Test]
    [UseCassette(Root = "Fixtures", Path = "MostSpecificCassetteTests/named-by-the-method.yaml")]
    public async Task Get_AttributeOnTheClassAndTheMethod_TheMethodsCassetteIsUsed()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var client = TUnitCassette.Current.CreateHttpClient(upstream.CreateHandler());

        string body = await client.GetStringAsync(upstream.Url("v1/models"), TestContext.Current!.Execution.CancellationToken);

        await Assert.That(TUnitCassette.Current.Path).EndsWith(Path.Combine("Fixtures", "MostSpecificCassetteTests", "named-by-the-method.yaml"));
        await Assert.That(body).Contains("\"target\":\"/v1/models\"");
        await Assert.That(upstream.Received.Count).IsEqualTo(TUnitCassette.Current.IsRecording ? 1 : 0);
    }
}
