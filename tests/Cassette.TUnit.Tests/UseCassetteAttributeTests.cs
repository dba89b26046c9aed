namespace Cassette.TUnit.Tests;

/// <summary>
/// Drives <see cref="UseCassetteAttribute"/> by hand on the running test's context, as TUnit does
/// around a test, to see each step. What happens after a test passed or failed is in <see cref="ScenarioTests"/>.
/// </summary>
public sealed class UseCassetteAttributeTests : IConfigureCassette, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cassette-tunit-").FullName;

    private static TestContext Context => TestContext.Current!;

    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options) => options.Mode = CassetteMode.Record;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The path of the cassette the attribute opens for the running test, read from the session.
    private static async Task<string> OpenedPathAsync(UseCassetteAttribute attribute)
    {
        await attribute.OnTestStart(Context);
        string path = TUnitCassette.Current.Path;
        await attribute.OnTestEnd(Context);
        return path;
    }

    [Test]
    public async Task CassettePath_NamedAfterTheTestsClassAndMethod()
    {
        string path = await OpenedPathAsync(new UseCassetteAttribute { Root = _root });

        await Assert.That(path).IsEqualTo(Path.Combine(_root, "UseCassetteAttributeTests", "CassettePath_NamedAfterTheTestsClassAndMethod.yaml"));
    }

    [Test]
    [Arguments("gpt-4o", 2)]
    public async Task CassettePath_TestWithArguments_AddsThem(string model, int turns)
    {
        string path = await OpenedPathAsync(new UseCassetteAttribute { Root = _root });

        await Assert.That(path).IsEqualTo(Path.Combine(_root, "UseCassetteAttributeTests", $"CassettePath_TestWithArguments_AddsThem({model}, {turns}).yaml"));
    }

    [Test]
    public async Task CassettePath_ExplicitPath_IsUnderTheRoot()
    {
        string path = await OpenedPathAsync(new UseCassetteAttribute { Root = _root, Path = "shared/chat.yaml" });

        await Assert.That(path).IsEqualTo(Path.Combine(_root, "shared", "chat.yaml"));
    }

    [Test]
    public async Task OnTestEnd_EndsTheTestsSession()
    {
        var attribute = new UseCassetteAttribute { Root = _root };
        await attribute.OnTestStart(Context);
        var session = TUnitCassette.Current;

        await attribute.OnTestEnd(Context);

        await Assert.That(() => TUnitCassette.Current).Throws<InvalidOperationException>();
        await Assert.That(() => session.CreateHandler()).Throws<ObjectDisposedException>();
    }

    [Test]
    public async Task Current_WithoutTheAttribute_SaysWhatToAdd()
    {
        var e = await Assert.That(() => TUnitCassette.Current).Throws<InvalidOperationException>();

        await Assert.That(e!.Message).Contains("[UseCassette]");
    }

    [Test]
    public async Task Ctor_EnsureDefaultValues()
    {
        var attribute = new UseCassetteAttribute();

        await Assert.That(attribute.Root).IsEqualTo("fixtures");
        await Assert.That(attribute.Path).IsNull();
        await Assert.That(attribute.VerifyAllPlayed).IsTrue();
    }
}
