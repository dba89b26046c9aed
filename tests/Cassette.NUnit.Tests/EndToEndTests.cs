using Cassette.NUnit.EndToEnd;
using Cassette.NUnit.Tests.Support;

namespace Cassette.NUnit.Tests;

/// <summary>
/// The attribute through a real NUnit run: the tests under <c>EndToEnd/</c> run in a child
/// process with <c>CASSETTE_MODE=record</c>, some of them failing on purpose, and these tests
/// read how NUnit reported each one and what it left in its cassette folder.
/// </summary>
public sealed class EndToEndTests
{
    private const string Inner = "Cassette.NUnit.EndToEnd.";
    private static readonly string[] s_replayed = ["PassesWithUnplayed", "FailsWithUnplayed", "PassesWithUnplayedUnchecked"];

    private string _folder = "";
    private byte[] _committed = [];
    private IReadOnlyDictionary<string, InnerTestResult> _results = new Dictionary<string, InnerTestResult>();

    [OneTimeSetUp]
    public async Task RunTheInnerTestsAsync()
    {
        _folder = Directory.CreateTempSubdirectory("cassette-nunit-").FullName;
        await SeedAsync("from-assembly/Recording/FailsAfterRecording.yaml", "committed");
        _committed = File.ReadAllBytes(InFolder("from-assembly/Recording/FailsAfterRecording.yaml"));
        foreach (string test in s_replayed)
        {
            await SeedAsync($"from-class/Replaying/{test}.yaml", "a", "b");
        }

        // Only a guard against a child that hangs: a working run ends long before.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _results = await InnerRun.RunAsync(_folder, "record", guard.Token);
    }

    [OneTimeTearDown]
    public void DeleteTheFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void PassingTest_RecordMode_SavesItsCassette()
    {
        Assert.That(Result("Recording.Passes").Outcome, Is.EqualTo("Passed"));
        Assert.That(Urls("from-assembly/Recording/Passes.yaml"), Is.EqualTo(new[] { "http://localhost/passes" }));
    }

    [Test]
    public void TestCase_RecordMode_CassetteNamedWithItsArguments()
    {
        Assert.That(Result("Recording.WithArguments(\"gpt-4o\",2)").Outcome, Is.EqualTo("Passed"));
        Assert.That(Urls("from-assembly/Recording/WithArguments(gpt-4o, 2).yaml"), Is.EqualTo(new[] { "http://localhost/gpt-4o/2" }));
    }

    [Test]
    public void FailingTest_RecordMode_ReportsItsOwnFailureAndKeepsTheCommittedCassette()
    {
        var result = Result("Recording.FailsAfterRecording");

        Assert.That(result.Outcome, Is.EqualTo("Failed"));
        Assert.That(result.Message, Does.Contain("The test's own failure."));
        Assert.That(File.ReadAllBytes(InFolder("from-assembly/Recording/FailsAfterRecording.yaml")), Is.EqualTo(_committed));
        Assert.That(Urls("from-assembly/Recording/FailsAfterRecording.partial.yaml"), Is.EqualTo(new[] { "http://localhost/new" }));
        Assert.That(result.Output, Does.Contain("Cassette: The test failed").And.Contain("FailsAfterRecording.partial.yaml"));
    }

    [Test]
    public void IgnoredTest_RecordMode_WritesOnlyThePartialCassette()
    {
        Assert.That(Result("Recording.IgnoredAfterRecording").Outcome, Is.EqualTo("NotExecuted"));
        Assert.That(InFolder("from-assembly/Recording/IgnoredAfterRecording.yaml"), Does.Not.Exist);
        Assert.That(Urls("from-assembly/Recording/IgnoredAfterRecording.partial.yaml"), Is.EqualTo(new[] { "http://localhost/ignored" }));
    }

    [Test]
    public void PassingTest_UnplayedInteraction_FailsNamingIt()
    {
        var result = Result("Replaying.PassesWithUnplayed");

        Assert.That(result.Outcome, Is.EqualTo("Failed"));
        Assert.That(result.Message, Does.Contain(nameof(CassetteUnplayedException)).And.Contain("http://localhost/b"));
    }

    [Test]
    public void FailingTest_UnplayedInteraction_ReportsOnlyItsOwnFailure()
    {
        var result = Result("Replaying.FailsWithUnplayed");

        Assert.That(result.Outcome, Is.EqualTo("Failed"));
        Assert.That(result.Message, Does.Contain("The test's own failure.").And.Not.Contain("Cassette").And.Not.Contain("unplayed"));
    }

    [Test]
    public void PassingTest_UnplayedInteractionAndVerifyAllPlayedOff_Passes()
    {
        Assert.That(Result("Replaying.PassesWithUnplayedUnchecked").Outcome, Is.EqualTo("Passed"));
        foreach (string test in s_replayed)
        {
            Assert.That(InFolder($"from-class/Replaying/{test}.partial.yaml"), Does.Not.Exist);
        }
    }

    [Test]
    public void Attribute_OnTheAssemblyTheClassAndTheMethod_OneCassetteTheMethods()
    {
        Assert.That(Result("MostSpecific.RecordsOnce").Outcome, Is.EqualTo("Passed"));
        Assert.That(Urls("from-method/MostSpecific/RecordsOnce.yaml"), Is.EqualTo(new[] { "http://localhost/once" }));
        Assert.That(InFolder("from-class/MostSpecific"), Does.Not.Exist);
        Assert.That(InFolder("from-assembly/MostSpecific"), Does.Not.Exist);
    }

    [TestCase("east")]
    [TestCase("west")]
    public void FixtureWithArguments_RecordMode_EachInstanceHasItsCassette(string region)
    {
        Assert.That(Result($"Regions(\"{region}\").Records").Outcome, Is.EqualTo("Passed"));
        Assert.That(Urls($"from-assembly/Regions({region})/Records.yaml"), Is.EqualTo(new[] { "http://localhost/" + region }));
    }

    [Test]
    public void FailingTearDown_AttributeOnTheClass_TheTestFailedAndItsCassetteIsNotWritten()
    {
        var result = Result("FailingTearDown.RecordsThenTearDownFails");

        Assert.That(result.Outcome, Is.EqualTo("Failed"));
        Assert.That(result.Message, Does.Contain("The tear-down's own failure."));
        Assert.That(InFolder("from-class/FailingTearDown/RecordsThenTearDownFails.yaml"), Does.Not.Exist);
        Assert.That(Urls("from-class/FailingTearDown/RecordsThenTearDownFails.partial.yaml"), Is.EqualTo(new[] { "http://localhost/torn" }));
    }

    private InnerTestResult Result(string test) =>
        _results.TryGetValue(Inner + test, out var result)
            ? result
            : throw new InvalidOperationException($"The inner run has no test \"{Inner + test}\"; it has: {string.Join(", ", _results.Keys)}.");

    private string InFolder(string relativePath) => Path.Combine(_folder, relativePath);

    private IEnumerable<string> Urls(string relativePath) => CassetteFile.Load(InFolder(relativePath)).Interactions.Select(i => i.Request.Url);

    private async Task SeedAsync(string relativePath, params string[] paths)
    {
        await using var session = CassetteSession.Open(InFolder(relativePath), new CassetteSessionOptions { Mode = CassetteMode.Record });
        using var client = session.CreateHttpClient(new EchoHandler());
        foreach (string path in paths)
        {
            await client.GetStringAsync(new Uri("http://localhost/" + path));
        }
    }
}
