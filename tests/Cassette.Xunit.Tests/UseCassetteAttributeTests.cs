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

    // The path of the cassette the attribute opens for the running test, read from the session.
    private static string OpenedPath(UseCassetteAttribute attribute, MethodInfo method)
    {
        attribute.Before(method, Test);
        string path = XunitCassette.Current.Path;
        attribute.After(method, Test);
        return path;
    }

    [Fact]
    public void CassettePath_NamedAfterTheTestsClassAndMethod()
    {
        var attribute = new UseCassetteAttribute { Root = _root };

        string path = OpenedPath(attribute, Method());

        Assert.Equal(Path.Combine(_root, "UseCassetteAttributeTests", "CassettePath_NamedAfterTheTestsClassAndMethod.yaml"), path);
    }

    [Theory]
    [InlineData("gpt-4o", 2)]
    public void CassettePath_TheoryRow_AddsTheArguments(string model, int turns)
    {
        var attribute = new UseCassetteAttribute { Root = _root };

        string path = OpenedPath(attribute, Method());

        Assert.Equal(Path.Combine(_root, "UseCassetteAttributeTests", $"CassettePath_TheoryRow_AddsTheArguments({model}, {turns}).yaml"), path);
    }

    [Fact]
    public void CassettePath_ExplicitPath_IsUnderTheRoot()
    {
        var attribute = new UseCassetteAttribute { Root = _root, Path = "shared/chat.yaml" };

        Assert.Equal(Path.Combine(_root, "shared", "chat.yaml"), OpenedPath(attribute, Method()));
    }

    [Fact]
    public async Task BeforeAndAfter_RecordMode_OpensTheSessionForTheTestAndSavesItAtTheEnd()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var attribute = new UseCassetteAttribute { Root = _root };
        string path = Path.Combine(_root, nameof(UseCassetteAttributeTests), Method().Name + ".yaml");

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
    public async Task After_ReplayWithUnplayedInteractions_FailsTheTestUnlessVerifyIsOff()
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

        foreach (bool verify in new[] { true, false })
        {
            var replaying = new UseCassetteAttribute { Root = _root, VerifyAllPlayed = verify };
            replaying.Before(Method(), Test);
            using (var client = XunitCassette.Current.CreateHttpClient())
            {
                await client.GetStringAsync(upstream.Url("a"), Token);
            }

            var e = Record.Exception(() => replaying.After(Method(), Test));

            if (verify)
            {
                var unplayed = Assert.IsType<CassetteUnplayedException>(e);
                Assert.Equal([1], unplayed.UnplayedIds);
            }
            else
            {
                Assert.Null(e);
            }
        }

        Assert.Equal(2, upstream.Received.Count);
    }

    [Fact]
    public async Task BeforeAndAfter_TwoAttributesOnOneTestInRecordMode_OneSessionRecordsAndSavesOnce()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var onClass = new UseCassetteAttribute { Root = _root };
        var onMethod = new UseCassetteAttribute { Root = _root };

        // xunit runs every [UseCassette] of a test: the class's, then the method's.
        onClass.Before(Method(), Test);
        onMethod.Before(Method(), Test);
        using (var client = XunitCassette.Current.CreateHttpClient(upstream.CreateHandler()))
        {
            await client.GetStringAsync(upstream.Url("once"), Token);
        }

        onMethod.After(Method(), Test);
        onClass.After(Method(), Test);

        Assert.Single(upstream.Received);
        Assert.Single(CassetteFile.Load(Path.Combine(_root, nameof(UseCassetteAttributeTests), Method().Name + ".yaml")).Interactions);
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
        Assert.True(attribute.VerifyAllPlayed);
    }
}
