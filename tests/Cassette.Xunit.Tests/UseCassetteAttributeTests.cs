using System.Reflection;
using Cassette.Tests.Support;
using Xunit.v3;

namespace Cassette.Xunit.Tests;

/// <summary>Drives <see cref="UseCassetteAttribute"/> by hand, as xunit does around a test, to see each step.</summary>
public sealed class UseCassetteAttributeTests : IConfigureCassette, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cassette-xunit-").FullName;
    private CassetteMode _mode = CassetteMode.Record;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IXunitTest Test => (IXunitTest)TestContext.Current.Test!;

    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options) => options.Mode = _mode;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static MethodInfo Method([System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        typeof(UseCassetteAttributeTests).GetMethod(name)!;

    [Fact]
    public void CassettePath_NamedAfterTheTestsClassAndMethod()
    {
        var attribute = new UseCassetteAttribute { Root = _root };

        string path = attribute.CassettePath(Test, Method());

        Assert.Equal(Path.Combine(_root, "UseCassetteAttributeTests", "CassettePath_NamedAfterTheTestsClassAndMethod.yaml"), path);
    }

    [Theory]
    [InlineData("gpt-4o", 2)]
    public void CassettePath_TheoryRow_AddsTheArguments(string model, int turns)
    {
        var attribute = new UseCassetteAttribute { Root = _root };

        string path = attribute.CassettePath(Test, Method());

        Assert.Equal(Path.Combine(_root, "UseCassetteAttributeTests", $"CassettePath_TheoryRow_AddsTheArguments({model}, {turns}).yaml"), path);
    }

    [Fact]
    public void CassettePath_ExplicitPath_IsUnderTheRoot()
    {
        var attribute = new UseCassetteAttribute { Root = _root, Path = "shared/chat.yaml" };

        Assert.Equal(Path.Combine(_root, "shared", "chat.yaml"), attribute.CassettePath(Test, Method()));
    }

    [Fact]
    public async Task BeforeAndAfter_RecordMode_OpensTheSessionForTheTestAndSavesItAtTheEnd()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var attribute = new UseCassetteAttribute { Root = _root };
        string path = attribute.CassettePath(Test, Method());

        attribute.Before(Method(), Test);
        using (var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler()))
        {
            await client.GetStringAsync(upstream.Url("hello"), Token);
        }

        Assert.Equal(path, XunitCassette.Current.Path);
        Assert.False(File.Exists(path));
        attribute.After(Method(), Test);

        Assert.Equal(["http://localhost/hello"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
        Assert.Throws<InvalidOperationException>(() => XunitCassette.Current);
    }

    [Fact]
    public async Task After_ReplayWithUnplayedInteractions_FailsTheTestUnlessAllowed()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var attribute = new UseCassetteAttribute { Root = _root };
        attribute.Before(Method(), Test);
        using (var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler()))
        {
            await client.GetStringAsync(upstream.Url("a"), Token);
            await client.GetStringAsync(upstream.Url("b"), Token);
        }

        attribute.After(Method(), Test);
        _mode = CassetteMode.Replay;

        foreach (bool allowed in new[] { false, true })
        {
            var replaying = new UseCassetteAttribute { Root = _root, AllowUnplayed = allowed };
            replaying.Before(Method(), Test);
            using (var client = XunitCassette.Current.CreateHttpClient())
            {
                await client.GetStringAsync(upstream.Url("a"), Token);
            }

            var e = Record.Exception(() => replaying.After(Method(), Test));

            if (allowed)
            {
                Assert.Null(e);
            }
            else
            {
                var unplayed = Assert.IsType<CassetteUnplayedException>(e);
                Assert.Equal([1], unplayed.UnplayedIds);
            }
        }

        Assert.Equal(2, upstream.Received.Count);
    }

    [Fact]
    public void Before_ReplayAndNoCassette_FailsSayingHowToRecord()
    {
        _mode = CassetteMode.Replay;
        var attribute = new UseCassetteAttribute { Root = _root };

        var e = Assert.Throws<CassetteNotFoundException>(() => attribute.Before(Method(), Test));

        Assert.Contains("CASSETTE_MODE=record", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_WithoutTheAttribute_SaysWhatToAdd()
    {
        var e = Assert.Throws<InvalidOperationException>(() => XunitCassette.Current);

        Assert.Contains("[UseCassette]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var attribute = new UseCassetteAttribute();

        Assert.Equal("fixtures", attribute.Root);
        Assert.Null(attribute.Path);
        Assert.False(attribute.AllowUnplayed);
    }
}
