using System.Reflection;
using System.Reflection.Emit;
using Cassette.Tests.Support;

namespace Cassette.Tests.Session;

/// <summary>Relative cassette paths are taken from the test project's folder, stamped into the test assembly at build time.</summary>
public sealed class CassettePathTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Found independently of the stamp: the folder above the test's output (bin/<Configuration>/<tfm>/)
    // that holds the project file. Source paths cannot be used: CI builds map them to /_/.
    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cassette.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The test project's folder was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Open_RelativePath_SavesUnderTheTestProjectNotUnderBin()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string relative = Path.Combine("obj", "cassette-path-tests", Guid.NewGuid().ToString("N"), "chat.yaml");
        string expected = Path.Combine(ProjectFolder(), relative);
        try
        {
            await using (var session = CassetteSession.Open(relative, new CassetteSessionOptions { Mode = CassetteMode.Record }))
            {
                Assert.Equal(expected, session.Path);
                using var client = session.CreateHttpClient(upstream.CreateHandler());
                await client.GetStringAsync(upstream.Url("x"), Token);
            }

            Assert.True(File.Exists(expected));
            Assert.DoesNotContain(Path.Combine("bin", "Release"), expected, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(expected)!, recursive: true);
        }
    }

    [Fact]
    public void Resolve_StampedAssembly_TakesRelativePathsFromItsProjectFolder()
    {
        Assert.Equal(Path.Combine(ProjectFolder(), "fixtures", "a.yaml"), CassettePath.Resolve("fixtures/a.yaml", typeof(CassettePathTests).Assembly));
    }

    [Fact]
    public void Resolve_AbsolutePath_IsKept()
    {
        string absolute = Path.Combine(Path.GetTempPath(), "x", "a.yaml");

        Assert.Equal(absolute, CassettePath.Resolve(absolute, typeof(CassettePathTests).Assembly));
    }

    [Fact]
    public void Resolve_AssemblyWithoutTheStamp_TakesTheWorkingDirectory()
    {
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "f.yaml"), CassettePath.Resolve("f.yaml", typeof(object).Assembly));
    }

    [Fact]
    public void Resolve_StampedFolderNoLongerExists_TakesTheWorkingDirectory()
    {
        var stamp = new CustomAttributeBuilder(
            typeof(AssemblyMetadataAttribute).GetConstructor([typeof(string), typeof(string)])!,
            ["Cassette.ProjectDirectory", Path.Combine(Path.GetTempPath(), "a-project-folder-that-is-gone-" + Guid.NewGuid().ToString("N"))]);
        var copied = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("CopiedTests"), AssemblyBuilderAccess.Run, [stamp]);

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "f.yaml"), CassettePath.Resolve("f.yaml", copied));
    }

    [Fact]
    public void ForTest_NamedAfterClassAndMethod_UnderTheRoot()
    {
        string path = CassettePath.ForTest(typeof(CassettePathTests).Assembly, "fixtures", "WeatherTests", "Forecast");

        Assert.Equal(Path.Combine(ProjectFolder(), "fixtures", "WeatherTests", "Forecast.yaml"), path);
    }

    [Fact]
    public void ForTest_Arguments_AreInTheNameWithUnsafeCharactersReplaced()
    {
        string path = CassettePath.ForTest(typeof(CassettePathTests).Assembly, "/tmp/fixtures", "WeatherTests", "Forecast", ["gpt-4o/mini", 2.5, null]);

        Assert.Equal(Path.Combine("/tmp/fixtures", "WeatherTests", "Forecast(gpt-4o_mini, 2.5, null).yaml"), path);
    }
}
