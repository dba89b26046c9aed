using Cassette.Tests.Support;

namespace Cassette.Tests.Testing;

/// <summary>
/// What every test-framework adapter does around a test, through <see cref="TestCassette"/>: the
/// cassette named after the test, options adjusted by the test class, saving at the end, unplayed
/// interactions failing only a test that passed, and a failed record run that clobbers nothing.
/// </summary>
public sealed class TestCassetteTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cassette-test-cassette-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TestCassetteSettings Settings(bool verifyAllPlayed = true) => new() { Root = _root, VerifyAllPlayed = verifyAllPlayed };

    private static ModeIs In(CassetteMode mode) => new(mode);

    /// <summary>A test class instance that sets the mode, as a user's test class does through <see cref="IConfigureCassette"/>.</summary>
    private sealed class ModeIs(CassetteMode mode) : IConfigureCassette
    {
        public void ConfigureCassette(CassetteSessionOptions options) => options.Mode = mode;
    }

    private async Task RecordAsync(FakeUpstream upstream, params string[] paths)
    {
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(), testClassInstance: In(CassetteMode.Record));
        using (var client = test.Session.CreateHttpClient(upstream.CreateHandler()))
        {
            foreach (string path in paths)
            {
                await client.GetStringAsync(upstream.Url(path), Token);
            }
        }

        test.End(testFailed: false);
    }

    [Fact]
    public void Open_NamesTheCassetteAfterTheClassAndMethodUnderTheRoot()
    {
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(), testClassInstance: In(CassetteMode.Record));
        test.End(testFailed: false);

        Assert.Equal(Path.Combine(_root, "TestCassetteTests", "Chat.yaml"), test.Session.Path);
    }

    [Fact]
    public void Open_WithArguments_PutsThemInTheName()
    {
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", ["gpt-4o", 2, null], Settings(), In(CassetteMode.Record));
        test.End(testFailed: false);

        Assert.Equal(Path.Combine(_root, "TestCassetteTests", "Chat(gpt-4o, 2, null).yaml"), test.Session.Path);
    }

    [Fact]
    public void Open_ExplicitPath_IsTakenUnderTheRoot()
    {
        var settings = new TestCassetteSettings { Root = _root, Path = "shared/chat.yaml" };

        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: settings, testClassInstance: In(CassetteMode.Record));
        test.End(testFailed: false);

        Assert.Equal(Path.Combine(_root, "shared", "chat.yaml"), test.Session.Path);
    }

    [Fact]
    public void Open_TestClassConfiguresCassette_ItsOptionsAreUsed()
    {
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(), testClassInstance: In(CassetteMode.Record));
        test.End(testFailed: false);

        Assert.Equal(CassetteMode.Record, test.Session.Mode);
    }

    [Fact]
    public void Open_ReplayAndNoCassette_FailsSayingHowToRecord()
    {
        var e = Assert.Throws<CassetteNotFoundException>(() =>
            TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(), testClassInstance: In(CassetteMode.Replay)));

        Assert.Contains("CASSETTE_MODE=record", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_TestPassedInRecordMode_SavesTheCassette()
    {
        await using var upstream = await FakeUpstream.StartAsync();

        await RecordAsync(upstream, "hello");

        var saved = CassetteFile.Load(Path.Combine(_root, "TestCassetteTests", "Chat.yaml"));
        Assert.Equal(["http://localhost/hello"], saved.Interactions.Select(i => i.Request.Url));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task End_TestPassedWithUnplayedInteractions_FailsUnlessVerifyIsOff(bool verify)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await RecordAsync(upstream, "a", "b");
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(verify), testClassInstance: In(CassetteMode.Replay));
        using (var client = test.Session.CreateHttpClient())
        {
            await client.GetStringAsync(upstream.Url("a"), Token);
        }

        var e = Record.Exception(() => test.End(testFailed: false));

        if (verify)
        {
            Assert.Equal([1], Assert.IsType<CassetteUnplayedException>(e).UnplayedIds);
        }
        else
        {
            Assert.Null(e);
        }
    }

    [Fact]
    public async Task End_TestFailedWithUnplayedInteractions_OnlyTheTestsOwnFailureIsReported()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await RecordAsync(upstream, "a", "b");
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(), testClassInstance: In(CassetteMode.Replay));

        var e = Record.Exception(() => test.End(testFailed: true));

        Assert.Null(e);
        Assert.Equal(2, test.Session.UnplayedInteractions.Count);
    }

    [Fact]
    public async Task End_RecordingTestFailed_KeepsTheCassetteAndWritesThePartialBesideIt()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await RecordAsync(upstream, "good");
        string path = Path.Combine(_root, "TestCassetteTests", "Chat.yaml");
        string good = await File.ReadAllTextAsync(path, Token);
        var warnings = new List<string>();
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(), testClassInstance: In(CassetteMode.Record), onWarning: warnings.Add);
        using (var client = test.Session.CreateHttpClient(upstream.CreateHandler()))
        {
            await client.GetStringAsync(upstream.Url("half-done"), Token);
        }

        test.End(testFailed: true);

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        string partial = Path.Combine(_root, "TestCassetteTests", "Chat.partial.yaml");
        Assert.Equal(["http://localhost/half-done"], CassetteFile.Load(partial).Interactions.Select(i => i.Request.Url));
        Assert.Contains(warnings, w => w.Contains(partial, StringComparison.Ordinal));
    }

    [Fact]
    public async Task End_CalledTwice_TheSecondCallDoesNothing()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await RecordAsync(upstream, "a", "b");
        var test = TestCassette.Open(typeof(TestCassetteTests), "Chat", settings: Settings(), testClassInstance: In(CassetteMode.Replay));
        Assert.Throws<CassetteUnplayedException>(() => test.End(testFailed: false));

        var e = Record.Exception(() => test.End(testFailed: false));

        Assert.Null(e);
    }

    [Fact]
    public void Settings_EnsureDefaultValues()
    {
        var settings = new TestCassetteSettings();

        Assert.Equal("fixtures", settings.Root);
        Assert.Null(settings.Path);
        Assert.True(settings.VerifyAllPlayed);
    }
}
