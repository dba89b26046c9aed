using Cassette.Tests.Support;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Cassette.NUnit.Tests;

/// <summary>Drives <see cref="UseCassetteAttribute"/> by hand, as NUnit does around a test, to see each step.</summary>
public sealed class UseCassetteAttributeTests : IConfigureCassette
{
    private string _root = "";
    private CassetteMode _mode;

    private static ITest Test => TestExecutionContext.CurrentContext.CurrentTest;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options) => options.Mode = _mode;

    [SetUp]
    public void CreateTheRoot()
    {
        _root = Directory.CreateTempSubdirectory("cassette-nunit-").FullName;
        _mode = CassetteMode.Record;
    }

    [TearDown]
    public void DeleteTheRoot() => Directory.Delete(_root, recursive: true);

    // NUnit settles a test's outcome only after the test method returns, and AfterTest reads it:
    // these tests give it the outcome of the test they act out, then put it back.
    private static void AfterTest(UseCassetteAttribute attribute, TestStatus outcome)
    {
        var result = TestExecutionContext.CurrentContext.CurrentResult;
        result.SetResult(new ResultState(outcome));
        try
        {
            attribute.AfterTest(Test);
        }
        finally
        {
            result.SetResult(ResultState.Inconclusive);
        }
    }

    // The path of the cassette the attribute opens for the running test, read from the session.
    private static string OpenedPath(UseCassetteAttribute attribute)
    {
        attribute.BeforeTest(Test);
        string path = NUnitCassette.Current.Path;
        AfterTest(attribute, TestStatus.Passed);
        return path;
    }

    private string CassettePathOf(string name) => Path.Combine(_root, nameof(UseCassetteAttributeTests), name + ".yaml");

    private static async Task GetAsync(FakeUpstream upstream, params string[] paths)
    {
        using var client = NUnitCassette.Current.CreateHttpClient(upstream.CreateHandler());
        foreach (string path in paths)
        {
            await client.GetStringAsync(upstream.Url(path), Token);
        }
    }

    [Test]
    public void CassettePath_NamedAfterTheTestsClassAndMethod()
    {
        string path = OpenedPath(new UseCassetteAttribute { Root = _root });

        Assert.That(path, Is.EqualTo(CassettePathOf(nameof(CassettePath_NamedAfterTheTestsClassAndMethod))));
    }

    [TestCase("gpt-4o", 2)]
    public void CassettePath_TestCase_AddsTheArguments(string model, int turns)
    {
        string path = OpenedPath(new UseCassetteAttribute { Root = _root });

        Assert.That(path, Is.EqualTo(CassettePathOf($"{nameof(CassettePath_TestCase_AddsTheArguments)}({model}, {turns})")));
    }

    [Test]
    public void CassettePath_ExplicitPath_IsUnderTheRoot()
    {
        string path = OpenedPath(new UseCassetteAttribute { Root = _root, Path = "shared/chat.yaml" });

        Assert.That(path, Is.EqualTo(Path.Combine(_root, "shared", "chat.yaml")));
    }

    [Test]
    public async Task BeforeAndAfterTest_RecordMode_OpensTheSessionForTheTestAndSavesItAtTheEnd()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var attribute = new UseCassetteAttribute { Root = _root };
        string path = CassettePathOf(nameof(BeforeAndAfterTest_RecordMode_OpensTheSessionForTheTestAndSavesItAtTheEnd));

        attribute.BeforeTest(Test);
        await GetAsync(upstream, "hello");

        Assert.That(NUnitCassette.Current.Path, Is.EqualTo(path));
        Assert.That(path, Does.Not.Exist);
        AfterTest(attribute, TestStatus.Passed);

        Assert.That(CassetteFile.Load(path).Interactions.Select(i => i.Request.Url), Is.EqualTo(new[] { "http://localhost/hello" }));
        Assert.Throws<InvalidOperationException>(() => _ = NUnitCassette.Current);
    }

    [TestCase(TestStatus.Passed)]
    [TestCase(TestStatus.Warning)]
    public async Task AfterTest_TestPassedWithUnplayedInteractions_Throws(TestStatus outcome)
    {
        var attribute = await ReplayingAsync(new UseCassetteAttribute { Root = _root }, "a", "b");
        using (var client = NUnitCassette.Current.CreateHttpClient())
        {
            await client.GetStringAsync(new Uri("http://localhost/a"), Token);
        }

        var e = Assert.Throws<CassetteUnplayedException>(() => AfterTest(attribute, outcome))!;

        Assert.That(e.UnplayedIds, Is.EqualTo(new[] { 1 }));
    }

    [TestCase(TestStatus.Failed)]
    [TestCase(TestStatus.Skipped)]
    [TestCase(TestStatus.Inconclusive)]
    public async Task AfterTest_TestDidNotPassWithUnplayedInteractions_DoesNotThrow(TestStatus outcome)
    {
        var attribute = await ReplayingAsync(new UseCassetteAttribute { Root = _root }, "a", "b");

        Assert.DoesNotThrow(() => AfterTest(attribute, outcome));
    }

    [Test]
    public async Task AfterTest_VerifyAllPlayedOffWithUnplayedInteractions_DoesNotThrow()
    {
        var attribute = await ReplayingAsync(new UseCassetteAttribute { Root = _root, VerifyAllPlayed = false }, "a");

        Assert.DoesNotThrow(() => AfterTest(attribute, TestStatus.Passed));
    }

    [TestCase(TestStatus.Failed)]
    [TestCase(TestStatus.Skipped)]
    [TestCase(TestStatus.Inconclusive)]
    public async Task AfterTest_TestDidNotPassInRecordMode_KeepsTheCassetteAndWritesThePartial(TestStatus outcome)
    {
        string path = await RecordAsync("committed");
        byte[] committed = File.ReadAllBytes(path);
        await using var upstream = await FakeUpstream.StartAsync();
        var attribute = new UseCassetteAttribute { Root = _root };

        attribute.BeforeTest(Test);
        await GetAsync(upstream, "new");
        AfterTest(attribute, outcome);

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(committed));
        Assert.That(CassetteFile.Load(Path.ChangeExtension(path, ".partial.yaml")).Interactions.Select(i => i.Request.Url), Is.EqualTo(new[] { "http://localhost/new" }));
        Assert.That(TestExecutionContext.CurrentContext.CurrentResult.Output, Does.Contain("Cassette: The test failed"));
    }

    [Test]
    public async Task BeforeAndAfterTest_AttributesOnTheClassAndTheMethod_TheOutermostOpensAndEndsTheOneSession()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var onClass = new UseCassetteAttribute { Root = _root };
        var onMethod = new UseCassetteAttribute { Root = _root };

        // NUnit runs every [UseCassette] of a test, from the outermost in, and ends them the other way.
        onClass.BeforeTest(Test);
        onMethod.BeforeTest(Test);
        await GetAsync(upstream, "once");
        AfterTest(onMethod, TestStatus.Passed);

        string path = CassettePathOf(nameof(BeforeAndAfterTest_AttributesOnTheClassAndTheMethod_TheOutermostOpensAndEndsTheOneSession));
        Assert.That(NUnitCassette.Current.Path, Is.EqualTo(path));
        AfterTest(onClass, TestStatus.Passed);

        Assert.That(upstream.Received, Has.Count.EqualTo(1));
        Assert.That(CassetteFile.Load(path).Interactions, Has.Count.EqualTo(1));
    }

    [Test]
    public void BeforeTest_ReplayAndNoCassette_FailsSayingHowToRecord()
    {
        _mode = CassetteMode.Replay;
        var attribute = new UseCassetteAttribute { Root = _root };

        var e = Assert.Throws<CassetteNotFoundException>(() => attribute.BeforeTest(Test))!;

        Assert.That(e.Message, Does.Contain("CASSETTE_MODE=record"));
    }

    [Test]
    public void Current_WithoutTheAttribute_SaysWhatToAdd()
    {
        var e = Assert.Throws<InvalidOperationException>(() => _ = NUnitCassette.Current)!;

        Assert.That(e.Message, Does.Contain("[UseCassette]"));
    }

    [Test]
    public void Ctor_EnsureDefaultValues()
    {
        var attribute = new UseCassetteAttribute();

        Assert.That(attribute.Root, Is.EqualTo("fixtures"));
        Assert.That(attribute.Path, Is.Null);
        Assert.That(attribute.VerifyAllPlayed, Is.True);
        Assert.That(attribute.Targets, Is.EqualTo(ActionTargets.Test));
    }

    // Records the running test's cassette, then opens it for replay through the attribute, which is returned.
    private async Task<UseCassetteAttribute> ReplayingAsync(UseCassetteAttribute attribute, params string[] recorded)
    {
        await RecordAsync(recorded);
        _mode = CassetteMode.Replay;
        attribute.BeforeTest(Test);
        return attribute;
    }

    // Records the running test's cassette in a test that passed, one interaction per path, and gives its path.
    private async Task<string> RecordAsync(params string[] paths)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var mode = _mode;
        _mode = CassetteMode.Record;
        var attribute = new UseCassetteAttribute { Root = _root };
        attribute.BeforeTest(Test);
        await GetAsync(upstream, paths);
        string path = NUnitCassette.Current.Path;
        AfterTest(attribute, TestStatus.Passed);
        _mode = mode;
        return path;
    }
}
