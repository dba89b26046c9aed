using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;

namespace Cassette.NUnit.Tests.Support;

/// <summary>
/// Runs the inner test project, the tests under <c>EndToEnd/</c> (some fail on purpose), through
/// <c>dotnet test</c> in a child process: built in a folder of its own against the adapter this
/// build references, on the same NUnit and target framework, so what NUnit reports for each of
/// them can be read from its results file.
/// </summary>
internal static class InnerRun
{
    private static readonly XNamespace s_trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Builds and runs the inner tests in <paramref name="folder"/>, whose cassettes they read and write.</summary>
    /// <returns>Each test's result, by its full name, such as <c>Cassette.NUnit.EndToEnd.Recording.Passes</c>.</returns>
    public static async Task<IReadOnlyDictionary<string, InnerTestResult>> RunAsync(string folder, string cassetteMode, CancellationToken cancellationToken)
    {
        WriteProject(folder);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[]
        {
            "test", "EndToEnd.csproj", "--disable-build-servers", "--logger", "trx;LogFileName=inner.trx", "--results-directory", "results",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CASSETTE_MODE"] = cassetteMode;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // Build servers and MSBuild nodes left running would hold the redirected output open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string results = Path.Combine(folder, "results", "inner.trx");
        var tests = File.Exists(results) ? Read(results) : [];
        return tests.Count > 0
            ? tests
            : throw new InvalidOperationException($"The inner run ran no test (exit code {process.ExitCode}):\n{await output}\n{await error}");
    }

    private static void WriteProject(string folder)
    {
        string project = Metadata("Cassette.ProjectDirectory");
        foreach (string source in Directory.GetFiles(Path.Combine(project, "EndToEnd"), "*.cs"))
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        }

        // The repository's build settings and package versions, and this build's outputs: the
        // inner project is built as the repository's test projects are, against the same adapter.
        string repository = Path.GetFullPath(Path.Combine(project, "..", ".."));
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), Import(Path.Combine(repository, "tests", "Directory.Build.props")));
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), Import(Path.Combine(repository, "Directory.Packages.props")));
        string references = string.Join(';', new[] { "Cassette", "Cassette.NUnit", "YamlDotNet", "DiffPlex" }
            .Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll")));
        File.WriteAllText(Path.Combine(folder, "EndToEnd.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>{Metadata("Cassette.NUnit.Tests.TargetFramework")}</TargetFrameworks>
                <OutputType>Exe</OutputType>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
                <NoWarn>$(NoWarn);CA1707;CA2007</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NUnit" VersionOverride="{Metadata("Cassette.NUnit.Tests.NUnitVersion")}" />
                <PackageReference Include="NUnit3TestAdapter" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <Reference Include="{references}" />
              </ItemGroup>
            </Project>
            """);
    }

    private static string Import(string path) => $"""<Project><Import Project="{path}" /></Project>""";

    private static string Metadata(string key) =>
        typeof(InnerRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(m => m.Key == key).Value!;

    private static Dictionary<string, InnerTestResult> Read(string path)
    {
        var results = XDocument.Load(path);
        var names = results.Descendants(s_trx + "UnitTest").ToDictionary(
            test => (string)test.Attribute("id")!,
            test => (string)test.Element(s_trx + "TestMethod")!.Attribute("className")! + "." + (string)test.Attribute("name")!);
        return results.Descendants(s_trx + "UnitTestResult").ToDictionary(
            result => names[(string)result.Attribute("testId")!],
            result =>
            {
                var output = result.Element(s_trx + "Output");
                return new InnerTestResult(
                    (string)result.Attribute("outcome")!,
                    (string?)output?.Element(s_trx + "ErrorInfo")?.Element(s_trx + "Message") ?? "",
                    (string?)output?.Element(s_trx + "StdOut") ?? "");
            });
    }
}
