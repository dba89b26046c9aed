using Cassette.TUnit.Tests.Support;

namespace Cassette.TUnit.Tests;

/// <summary>
/// <see cref="UseCassetteAttribute"/> through TUnit itself: tests of the Cassette.TUnit.Scenarios
/// app, some of which fail on purpose, run in a child process, and what TUnit reported for them
/// and left on disk is checked.
/// </summary>
public sealed class ScenarioTests : IDisposable
{
    private const string DeliberateFailure = "The scenario fails here on purpose.";

    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-tunit-").FullName;

    private static CancellationToken Token => TestContext.Current!.Execution.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<ScenarioRun> RunAsync(string mode, string scenario) => ScenarioRun.RunAsync(_folder, mode, scenario, Token);

    // Records the scenario, which passes in record mode, and gives what replaying it reported.
    private async Task<ScenarioRun> RecordThenReplayAsync(string scenario)
    {
        var recorded = await RunAsync("record", scenario);
        await Assert.That(recorded.Outcome).IsEqualTo("Passed").Because(recorded.Output);
        return await RunAsync("replay", scenario);
    }

    private static IEnumerable<string> Urls(string cassette) => CassetteFile.Load(cassette).Interactions.Select(i => i.Request.Url);

    [Test]
    public async Task RecordThenReplay_PassingTest_PassesBothTimesAndReplaysWithoutTheUpstream()
    {
        var replayed = await RecordThenReplayAsync("RecordsThenReplays");

        await Assert.That(replayed.Outcome).IsEqualTo("Passed").Because(replayed.Output);
        await Assert.That(Urls(ScenarioRun.CassettePath(_folder, "RecordsThenReplays"))).IsEquivalentTo(["http://upstream.test/models"]);
    }

    [Test]
    public async Task Replay_NoCassette_FailsTheTestSayingHowToRecord()
    {
        var run = await RunAsync("replay", "RecordsThenReplays");

        await Assert.That(run.Outcome).IsEqualTo("Failed").Because(run.Output);
        await Assert.That(run.Message).Contains("CASSETTE_MODE=record");
    }

    [Test]
    public async Task Record_TestWithArguments_NamesTheCassetteAfterThem()
    {
        var run = await RunAsync("record", "WithArguments");

        await Assert.That(run.Outcome).IsEqualTo("Passed").Because(run.Output);
        await Assert.That(Urls(ScenarioRun.CassettePath(_folder, "WithArguments(gpt-4o, 2)"))).IsEquivalentTo(["http://upstream.test/gpt-4o/2"]);
    }

    [Test]
    public async Task Record_FailingTest_KeepsTheCassetteAndWritesWhatItRecordedBeside()
    {
        string cassette = ScenarioRun.CassettePath(_folder, "FailsAfterRecording");
        Directory.CreateDirectory(Path.GetDirectoryName(cassette)!);
        new CassetteFile().Save(cassette);
        byte[] committed = await File.ReadAllBytesAsync(cassette, Token);

        var run = await RunAsync("record", "FailsAfterRecording");

        await Assert.That(run.Outcome).IsEqualTo("Failed").Because(run.Output);
        await Assert.That(run.Message).IsEqualTo("InvalidOperationException: " + DeliberateFailure);
        await Assert.That(await File.ReadAllBytesAsync(cassette, Token)).IsEquivalentTo(committed);
        await Assert.That(Urls(ScenarioRun.CassettePath(_folder, "FailsAfterRecording.partial"))).IsEquivalentTo(["http://upstream.test/recorded-before-the-failure"]);
    }

    [Test]
    public async Task Replay_PassingTestLeavingInteractionsUnplayed_FailsNamingThem()
    {
        var replayed = await RecordThenReplayAsync("PassesLeavingOneUnplayed");

        await Assert.That(replayed.Outcome).IsEqualTo("Failed").Because(replayed.Output);
        await Assert.That(replayed.Message).Contains("was never played").And.Contains("GET http://upstream.test/second");
    }

    [Test]
    public async Task Replay_FailingTestLeavingInteractionsUnplayed_ReportsOnlyItsOwnFailure()
    {
        var replayed = await RecordThenReplayAsync("FailsLeavingOneUnplayed");

        await Assert.That(replayed.Outcome).IsEqualTo("Failed").Because(replayed.Output);
        await Assert.That(replayed.Message).IsEqualTo("InvalidOperationException: " + DeliberateFailure);
    }
}
