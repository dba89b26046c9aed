using System.Diagnostics;
using System.Reflection;
using System.Xml.Linq;

namespace Cassette.TUnit.Tests.Support;

/// <summary>
/// One run of the Cassette.TUnit.Scenarios test app, whose tests fail on purpose, in a child
/// process: one scenario, in one mode, its cassettes under a folder of the caller's. What TUnit
/// reported is read from its TRX report.
/// </summary>
internal sealed class ScenarioRun
{
    private static readonly XNamespace s_trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private ScenarioRun(string outcome, string? message, string output)
    {
        Outcome = outcome;
        Message = message;
        Output = output;
    }

    /// <summary>What TUnit reported: <c>Passed</c> or <c>Failed</c>.</summary>
    public string Outcome { get; }

    /// <summary>The failure message TUnit reported, or <see langword="null"/> when the test passed.</summary>
    public string? Message { get; }

    /// <summary>The app's console output, to explain a surprise.</summary>
    public string Output { get; }

    /// <summary>The cassette of a scenario run in <paramref name="folder"/>.</summary>
    public static string CassettePath(string folder, string cassetteName) =>
        Path.Combine(folder, "fixtures", "Scenarios", cassetteName + ".yaml");

    /// <summary>Runs the scenario named <paramref name="scenario"/> (a test method of the app) and reads its one result.</summary>
    public static async Task<ScenarioRun> RunAsync(string folder, string mode, string scenario, CancellationToken cancellationToken)
    {
        string results = Path.Combine(folder, "results-" + mode);
        var start = new ProcessStartInfo(AppHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--treenode-filter", $"/*/*/Scenarios/{scenario}", "--report-trx", "--report-trx-filename", "results.trx", "--results-directory", results })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CASSETTE_MODE"] = mode;
        start.Environment["CASSETTE_SCENARIOS_FOLDER"] = folder;
        start.Environment["TUNIT_DISABLE_HTML_REPORTER"] = "true";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        string output = await stdout + await stderr;

        string report = Path.Combine(results, "results.trx");
        var result = File.Exists(report)
            ? XDocument.Load(report).Descendants(s_trx + "UnitTestResult").SingleOrDefault()
            : null;
        if (result is null)
        {
            throw new InvalidOperationException($"The scenario app reported no result for {scenario} (exit code {process.ExitCode}):\n{output}");
        }

        return new ScenarioRun(
            (string)result.Attribute("outcome")!,
            (string?)result.Descendants(s_trx + "Message").SingleOrDefault(),
            output);
    }

    // The app is built beside these tests (see the project file), framework-dependent or self-contained as they are.
    private static string AppHost()
    {
        string assembly = typeof(ScenarioRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Cassette.TUnit.Scenarios").Value!;
        return Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
    }
}
