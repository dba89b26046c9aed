namespace Cassette.Xunit.Tests.EndToEnd;

/// <summary>
/// The adapter through xunit itself: a test project that uses it, built and run with
/// <c>dotnet test</c> (see <see cref="InnerRun"/>), and the results and files it leaves. Each test
/// reads the results of one test of <c>InnerProject/InnerTests.cs</c>, named after what it shows.
/// </summary>
public abstract class EndToEndTests<TRun>(TRun run) : IClassFixture<TRun>
    where TRun : InnerRun
{
    private const string Tests = "Inner.InnerTests.";

    [Fact]
    public void Record_PassingTest_PassesAndWritesItsCassette()
    {
        Assert.Equal("Passed", run.Recorded[Tests + "Passes"].Outcome);
        Assert.Contains("GET", File.ReadAllText(run.Cassette("Passes")), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_PassingTest_PassesFromItsCassette()
    {
        Assert.Equal("Passed", run.Replayed[Tests + "Passes"].Outcome);
    }

    [Fact]
    public void CassettePath_TheoryRow_AddsTheArguments()
    {
        Assert.True(File.Exists(run.Cassette("Row(gpt-4o, 2)")));
        Assert.Equal("Passed", run.Replayed[Tests + "Row(model: \"gpt-4o\", turns: 2)"].Outcome);
    }

    [Fact]
    public void CassettePath_RowsEnumeratedWhenTheTheoryRuns_AddsTheArguments()
    {
        Assert.True(File.Exists(run.Cassette("RowAtRunTime(o3)")));
        Assert.Equal("Passed", run.Replayed[Tests + "RowAtRunTime(model: o3)"].Outcome);
    }

    [Fact]
    public void Record_FailingTest_LeavesTheCommittedCassetteAndWritesThePartial()
    {
        var result = run.Recorded[Tests + "FailsWhileRecording"];

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("Failed while recording.", result.Message, StringComparison.Ordinal);
        Assert.Equal(run.CommittedBytes, File.ReadAllBytes(run.CommittedCassette));
        string partial = Path.ChangeExtension(run.CommittedCassette, ".partial.yaml");
        Assert.Contains("/fresh", File.ReadAllText(partial), StringComparison.Ordinal);
        Assert.Contains($"Cassette: The test failed, so \"{run.CommittedCassette}\" was left as it was", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_FailingTestWhoseCassetteCannotBeSaved_ReportsTheSaveFailureBesideItsOwn()
    {
        string message = run.Recorded[Tests + "FailsAndCannotKeepWhatItRecorded"].Message;

        int own = message.IndexOf("InvalidOperationException : The test's own failure.", StringComparison.Ordinal);
        int save = message.IndexOf("IOException", StringComparison.Ordinal);
        Assert.True(own >= 0 && save > own, message);
    }

    [Fact]
    public void Replay_NoCassette_FailsSayingHowToRecord()
    {
        var result = run.Replayed[Tests + "FailsAndCannotKeepWhatItRecorded"];

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains(nameof(CassetteNotFoundException), result.Message, StringComparison.Ordinal);
        Assert.Contains("CASSETTE_MODE=record", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_UnplayedInteractions_FailThePassingTest()
    {
        var result = run.Replayed[Tests + "PlaysHalf"];

        Assert.Equal("Passed", run.Recorded[Tests + "PlaysHalf"].Outcome);
        Assert.Equal("Failed", result.Outcome);
        Assert.Contains(nameof(CassetteUnplayedException), result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_FailingTestWithUnplayedInteractions_ReportsOnlyItsOwnFailure()
    {
        var result = run.Replayed[Tests + "PlaysHalfAndFails"];

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("The test's own failure.", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(CassetteUnplayedException), result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_VerifyAllPlayedOffOnTheMethod_UnplayedInteractionsDoNotFail()
    {
        Assert.Equal("Passed", run.Replayed[Tests + "PlaysHalfUnverified"].Outcome);
    }

    [Fact]
    public void ConfigureCassette_TestClassInstance_AdjustsTheOptions()
    {
        Assert.Equal("Passed", run.Recorded["Inner.ConfiguredTests.ConfiguresItsCassette"].Outcome);
        Assert.Equal("Passed", run.Replayed["Inner.ConfiguredTests.ConfiguresItsCassette"].Outcome);
    }

    [Fact]
    public void Skip_CassetteFact_IsSkipped()
    {
        Assert.Equal("NotExecuted", run.Recorded[Tests + "Skipped"].Outcome);
    }

    [Fact]
    public void Current_PlainFact_SaysWhatToAdd()
    {
        Assert.Equal("Passed", run.Recorded[Tests + "PlainFact_HasNoCassette"].Outcome);
    }
}
