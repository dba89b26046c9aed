using Cassette.TUnit;

// On the assembly, so that the runs see the attribute's widest scope work too.
[assembly: UseCassette]

namespace Cassette.TUnit.Scenarios;

/// <summary>
/// What the outer tests run in record mode, then in replay mode, each with a filter that picks
/// one scenario. The cassettes are kept under <c>fixtures/Scenarios/</c> in the run's folder (<see cref="RunFolder"/>).
/// </summary>
public sealed class Scenarios : IDisposable
{
    public const string DeliberateFailure = "The scenario fails here on purpose.";

    private readonly EchoUpstream _upstream = new();
    private HttpClient? _client;

    private static bool Recording => TUnitCassette.Current.IsRecording;

    // A hook of the test class sees the test's cassette too.
    [Before(Test)]
    public void CreateClient() => _client = TUnitCassette.Current.CreateHttpClient(_upstream);

    public void Dispose()
    {
        _client?.Dispose();
        _upstream.Dispose();
    }

    private Task<string> GetAsync(string path) =>
        _client!.GetStringAsync(new Uri("http://upstream.test" + path), TestContext.Current!.Execution.CancellationToken);

    [Test]
    public async Task RecordsThenReplays()
    {
        string body = await GetAsync("/models");

        await Assert.That(body).IsEqualTo("/models");
        await Assert.That(_upstream.Received).IsEqualTo(Recording ? 1 : 0);
    }

    [Test]
    [Arguments("gpt-4o", 2)]
    public async Task WithArguments(string model, int turns)
    {
        string body = await GetAsync($"/{model}/{turns}");

        await Assert.That(body).IsEqualTo("/gpt-4o/2");
    }

    [Test]
    public async Task FailsAfterRecording()
    {
        await GetAsync("/recorded-before-the-failure");

        throw new InvalidOperationException(DeliberateFailure);
    }

    // Records two interactions; in replay it asks for the first only.
    [Test]
    public async Task PassesLeavingOneUnplayed()
    {
        await GetAsync("/first");
        if (Recording)
        {
            await GetAsync("/second");
        }
    }

    [Test]
    public async Task FailsLeavingOneUnplayed()
    {
        await GetAsync("/first");
        if (Recording)
        {
            await GetAsync("/second");
            return;
        }

        throw new InvalidOperationException(DeliberateFailure);
    }
}
