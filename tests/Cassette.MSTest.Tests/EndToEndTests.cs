using Cassette.MSTest.Tests.Support;
using Cassette.Tests.Support;

namespace Cassette.MSTest.Tests;

/// <summary>
/// What MSTest reports for tests with cassettes, read from the results of real runs: the inner
/// tests (tests/Cassette.MSTest.InnerTests, some failing on purpose) run once in record mode and
/// once in replay mode, in a folder of their own, against the MSTest this project was built with.
/// </summary>
[TestClass]
public sealed class EndToEndTests
{
    private static string _folder = null!;
    private static byte[] _committed = null!;
    private static InnerTestRun _record = null!;
    private static InnerTestRun _replay = null!;

    private static string Fixture(string relative) => Path.Combine(_folder, "fixtures", relative);

    [ClassInitialize]
    public static async Task RunTheInnerTests(TestContext context)
    {
        _folder = Directory.CreateTempSubdirectory("cassette-mstest-").FullName;
        _committed = await CommitACassetteAsync(Fixture("FailingTests/Get_ThenFails.yaml"), context.CancellationToken);

        // NeverRecordedTests stays out of the record run, so that its replay has no cassette.
        _record = await InnerTestRun.RunAsync(_folder, CassetteMode.Record, "FullyQualifiedName!~NeverRecorded", context.CancellationToken);
        _replay = await InnerTestRun.RunAsync(_folder, CassetteMode.Replay, filter: null, context.CancellationToken);
    }

    [ClassCleanup]
    public static void DeleteTheFolder() => Directory.Delete(_folder, recursive: true);

    // A cassette as a record run that passed leaves it: one interaction, with the fake upstream.
    private static async Task<byte[]> CommitACassetteAsync(string path, CancellationToken cancellationToken)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record }))
        using (var client = session.CreateHttpClient(upstream.CreateHandler()))
        {
            await client.GetStringAsync(upstream.Url("committed"), cancellationToken);
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    [TestMethod]
    public void RecordRun_EveryTestButTheFailingOne_Passes()
    {
        var outcomes = _record.Results.ToDictionary(result => result.Key, result => result.Value.Outcome);

        Assert.AreEqual("Failed", outcomes["Get_ThenFails"]);
        Assert.AreEqual(8, outcomes.Count);
        Assert.AreEqual(7, outcomes.Values.Count(outcome => outcome == "Passed"), string.Join(", ", outcomes));
    }

    [TestMethod]
    public void RecordRun_PassingTests_WriteTheirCassettesNamedAfterTheClassMethodAndRow()
    {
        Assert.IsTrue(File.Exists(Fixture("RecordedTests/Get_Passes.yaml")));
        Assert.IsTrue(File.Exists(Fixture("RecordedTests/Get_WithRow(gpt-4o, 2).yaml")));
        Assert.IsTrue(File.Exists(Fixture("RecordedTests/Get_WithRow(null, 1).yaml")));
        Assert.IsTrue(File.Exists(Path.Combine(_folder, "configured", "ConfiguredTests", "Get_KeepsOnlyContentType.yaml")));
    }

    [TestMethod]
    public void RecordRun_FailingTest_ReportsItsFailureLeavesTheCommittedCassetteAndWritesWhatItRecordedBesideIt()
    {
        var result = _record["Get_ThenFails"];

        StringAssert.Contains(result.Message, "The test's own failure.", StringComparison.Ordinal);
        CollectionAssert.AreEqual(_committed, File.ReadAllBytes(Fixture("FailingTests/Get_ThenFails.yaml")));
        var partial = CassetteFile.Load(Fixture("FailingTests/Get_ThenFails.partial.yaml"));
        CollectionAssert.AreEqual(new[] { "http://upstream.test/fresh" }, partial.Interactions.Select(i => i.Request.Url).ToArray());
        StringAssert.Contains(result.Output, "Get_ThenFails.partial.yaml", StringComparison.Ordinal);
    }

    [TestMethod]
    public void ReplayRun_RecordedTests_PassWithoutTheUpstream()
    {
        foreach (string test in new[] { "Get_Passes", "Get_WithRow (\"gpt-4o\",2)", "Get_WithRow (null,1)", "Get_KeepsOnlyContentType" })
        {
            Assert.AreEqual("Passed", _replay[test].Outcome, test + ": " + _replay[test].Message);
        }
    }

    [TestMethod]
    public void ReplayRun_PassingTestThatLeftInteractionsUnplayed_FailsNamingThem()
    {
        var result = _replay["Passes_ReplayingOnlyTheFirst"];

        Assert.AreEqual("Failed", result.Outcome);
        StringAssert.Contains(result.Message, "Cassette.CassetteUnplayedException", StringComparison.Ordinal);
        StringAssert.Contains(result.Message, "GET http://upstream.test/second", StringComparison.Ordinal);
    }

    [TestMethod]
    public void ReplayRun_FailingTestThatLeftInteractionsUnplayed_ReportsOnlyItsOwnFailure()
    {
        var result = _replay["Fails_ReplayingOnlyTheFirst"];

        Assert.AreEqual("Failed", result.Outcome);
        StringAssert.Contains(result.Message, "The test's own failure.", StringComparison.Ordinal);
        foreach (string cassetteFailure in new[] { "TestCleanup", "CassetteUnplayedException", "never played" })
        {
            Assert.IsFalse(result.Message.Contains(cassetteFailure, StringComparison.Ordinal), result.Message);
        }
    }

    [TestMethod]
    public void ReplayRun_VerifyAllPlayedOffOnTheMethod_PassesWithInteractionsUnplayed()
    {
        Assert.AreEqual("Passed", _replay["Passes_ReplayingOnlyTheFirst_VerifyOff"].Outcome);
    }

    [TestMethod]
    public void ReplayRun_NoCassette_FailsBeforeTheTestSayingHowToRecord()
    {
        var result = _replay["Replay_WithoutACassette"];

        Assert.AreEqual("Failed", result.Outcome);
        StringAssert.Contains(result.Message, "Cassette.CassetteNotFoundException", StringComparison.Ordinal);
        StringAssert.Contains(result.Message, "CASSETTE_MODE=record", StringComparison.Ordinal);
    }
}
