using NUnit.Framework;

namespace Cassette.NUnit.EndToEnd;

/// <summary>Tests that record (the run has CASSETTE_MODE=record), with the assembly's attribute.</summary>
public sealed class Recording
{
    [Test]
    public Task Passes() => GetAsync("passes");

    [TestCase("gpt-4o", 2)]
    public Task WithArguments(string model, int turns) => GetAsync($"{model}/{turns}");

    // A cassette of this name is committed before the run: the failure must leave it as it was.
    [Test]
    public async Task FailsAfterRecording()
    {
        await GetAsync("new");
        Assert.Fail("The test's own failure.");
    }

    [Test]
    public async Task IgnoredAfterRecording()
    {
        await GetAsync("ignored");
        Assert.Ignore("Ignored part way.");
    }

    internal static async Task GetAsync(string path)
    {
        using var client = NUnitCassette.Current.CreateHttpClient(new EchoHandler());
        await client.GetStringAsync(new Uri("http://localhost/" + path));
    }
}
