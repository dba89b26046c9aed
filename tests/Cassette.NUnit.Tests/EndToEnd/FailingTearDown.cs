using NUnit.Framework;

namespace Cassette.NUnit.EndToEnd;

/// <summary>A test that passes and a tear-down that fails: with the attribute on the class, the test failed.</summary>
[UseCassette(Root = "from-class")]
public sealed class FailingTearDown
{
    private HttpClient? _client;

    // The cassette is open from before the set-up to after the tear-down.
    [SetUp]
    public void SetUp() => _client = NUnitCassette.Current.CreateHttpClient(new EchoHandler());

    [TearDown]
    public void TearDown()
    {
        _client?.Dispose();
        throw new InvalidOperationException("The tear-down's own failure.");
    }

    [Test]
    public Task RecordsThenTearDownFails() => _client!.GetStringAsync(new Uri("http://localhost/torn"));
}
