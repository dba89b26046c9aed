using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;

namespace Cassette.Xunit.Tests.EndToEnd;

/// <summary>
/// Builds the test project in <c>InnerProject/</c> on one xunit 2 version, in a copy under a
/// temporary folder, and runs it with <c>dotnet test</c> twice: recording
/// (<c>CASSETTE_MODE=record</c>), then replaying (<c>CASSETTE_MODE=replay</c>). Before the record
/// run one cassette is in place, as if committed.
/// </summary>
public abstract class InnerRun : IAsyncLifetime
{
    private static readonly XNamespace s_trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private readonly string _root = Directory.CreateTempSubdirectory("cassette-xunit2-run-").FullName;

    /// <summary>The xunit version the inner project uses.</summary>
    public abstract string XunitVersion { get; }

    /// <summary>The inner project's folder: its cassettes are under <c>cassettes/</c>.</summary>
    public string ProjectDirectory => Path.Combine(_root, "Inner");

    /// <summary>The cassette in place before the record run.</summary>
    public string CommittedCassette => Cassette("FailsWhileRecording");

    /// <summary>Its bytes before the record run.</summary>
    public byte[] CommittedBytes { get; private set; } = [];

    public IReadOnlyDictionary<string, InnerResult> Recorded { get; private set; } = new Dictionary<string, InnerResult>();

    public IReadOnlyDictionary<string, InnerResult> Replayed { get; private set; } = new Dictionary<string, InnerResult>();

    /// <summary>The inner run's <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;.yaml</c> for a test of <c>InnerTests</c>.</summary>
    public string Cassette(string name) => Path.Combine(ProjectDirectory, "cassettes", "InnerTests", name + ".yaml");

    public async Task InitializeAsync()
    {
        string repository = RepositoryDirectory();
        Directory.CreateDirectory(ProjectDirectory);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(repository, "tests", "Cassette.Xunit.V2.Tests", "EndToEnd", "InnerProject")))
        {
            File.Copy(file, Path.Combine(ProjectDirectory, Path.GetFileName(file)));
        }

        // Keeps the repository's build settings (analyzers, central versions) out of the user's project.
        await File.WriteAllTextAsync(Path.Combine(_root, "Directory.Build.props"), "<Project />");
        await CommitCassetteAsync();

        string[] properties =
        [
            "-c", Configuration(),
            "-p:InnerTargetFramework=" + TargetFramework(),
            "-p:XunitVersion=" + XunitVersion,
            "-p:XunitRunnerVersion=" + PackageVersions.Of("xunit.runner.visualstudio"),
            "-p:TestSdkVersion=" + PackageVersions.Of("Microsoft.NET.Test.Sdk"),
            "-p:CassetteSource=" + Path.Combine(repository, "src") + Path.DirectorySeparatorChar,
            // The adapter is the one this test run was built with.
            "-p:BuildProjectReferences=false",
        ];
        await DotnetAsync(["restore", "--no-dependencies", ..properties.Skip(2)], mode: null);
        await DotnetAsync(["build", "--no-restore", "--disable-build-servers", ..properties], mode: null);
        Recorded = await TestAsync(properties, "record");
        Replayed = await TestAsync(properties, "replay");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private async Task CommitCassetteAsync()
    {
        await using (var session = CassetteSession.Open(CommittedCassette, new CassetteSessionOptions { Mode = CassetteMode.Record }))
        {
            using var http = session.CreateHttpClient(new CommittedUpstream());
            await http.GetStringAsync(new Uri("http://upstream.test/fresh"));
        }

        CommittedBytes = await File.ReadAllBytesAsync(CommittedCassette);
    }

    private async Task<IReadOnlyDictionary<string, InnerResult>> TestAsync(string[] properties, string mode)
    {
        string results = Path.Combine(_root, "results");
        string trx = mode + ".trx";

        // dotnet test exits with 1 when a test fails, and the inner run has tests that fail on purpose.
        string output = await DotnetAsync(["test", "--no-build", ..properties, "--logger", "trx;LogFileName=" + trx, "--results-directory", results], mode, allowFailedTests: true);
        string path = Path.Combine(results, trx);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"dotnet test wrote no results in {mode} mode:{Environment.NewLine}{output}");
        }

        var document = XDocument.Load(path);
        return document.Descendants(s_trx + "UnitTestResult").ToDictionary(
            result => (string)result.Attribute("testName")!,
            result => new InnerResult(
                (string)result.Attribute("outcome")!,
                (string?)result.Element(s_trx + "Output")?.Element(s_trx + "ErrorInfo")?.Element(s_trx + "Message") ?? "",
                (string?)result.Element(s_trx + "Output")?.Element(s_trx + "StdOut") ?? ""));
    }

    private async Task<string> DotnetAsync(string[] arguments, string? mode, bool allowFailedTests = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child is a user's build, not part of the build or test run that started this one.
        foreach (string name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (mode is not null)
        {
            start.Environment["CASSETTE_MODE"] = mode;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // Not a time limit on the test: only so that a hung child cannot hold the run forever.
        using var hung = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(hung.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string text = await output + Environment.NewLine + await error;
        if (process.ExitCode != 0 && !(allowFailedTests && process.ExitCode == 1))
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{text}");
        }

        return text;
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
        || name.Equals("CASSETTE_MODE", StringComparison.OrdinalIgnoreCase);

    // The test project's folder, stamped into this assembly at build time, is two below the repository's.
    internal static string RepositoryDirectory()
    {
        string project = typeof(InnerRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Cassette.ProjectDirectory").Value!;
        return Path.GetFullPath(Path.Combine(project, "..", ".."));
    }

    private static string Configuration() =>
        typeof(InnerRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    private static string TargetFramework() =>
        "net" + Environment.Version.ToString(2);

    private sealed class CommittedUpstream : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("committed answer") });
    }
}
