using System.Diagnostics;
using System.Xml.Linq;

namespace Cassette.MSTest.Tests.Support;

/// <summary>
/// A run of tests/Cassette.MSTest.InnerTests (tests that fail on purpose) as a child process:
/// <c>dotnet test</c> on its build, with <c>CASSETTE_MODE</c> set and a results file read back.
/// </summary>
internal sealed class InnerTestRun
{
    private const string Project = "Cassette.MSTest.InnerTests";
    private static readonly XNamespace _trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private readonly IReadOnlyDictionary<string, InnerTestResult> _results;

    private InnerTestRun(IReadOnlyDictionary<string, InnerTestResult> results) => _results = results;

    /// <summary>The result of each test, by the name MSTest shows (<c>Get_WithRow ("gpt-4o",2)</c> for a data row).</summary>
    public IReadOnlyDictionary<string, InnerTestResult> Results => _results;

    public InnerTestResult this[string testName] =>
        _results.TryGetValue(testName, out var result)
            ? result
            : throw new KeyNotFoundException($"The inner run has no test \"{testName}\"; it has: {string.Join(", ", _results.Keys)}.");

    /// <summary>Runs the inner tests in <paramref name="folder"/>, where their cassettes are kept.</summary>
    public static async Task<InnerTestRun> RunAsync(string folder, CassetteMode mode, string? filter, CancellationToken cancellationToken)
    {
        string name = mode.ToString().ToLowerInvariant();
        string results = Path.Combine(folder, "results");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "test", Assembly(), "--logger", $"trx;LogFileName={name}.trx", "--results-directory", results })
        {
            start.ArgumentList.Add(arg);
        }

        if (filter is not null)
        {
            start.ArgumentList.Add("--filter");
            start.ArgumentList.Add(filter);
        }

        start.Environment["CASSETTE_MODE"] = name;
        start.Environment["CASSETTE_INNER_FOLDER"] = folder;
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

        string trx = Path.Combine(results, name + ".trx");
        if (!File.Exists(trx))
        {
            throw new InvalidOperationException($"The inner run wrote no results (exit code {process.ExitCode}):\n{await output}\n{await error}");
        }

        return new InnerTestRun(XDocument.Load(trx).Descendants(_trx + "UnitTestResult").ToDictionary(
            result => (string)result.Attribute("testName")!,
            result => new InnerTestResult(
                (string)result.Attribute("outcome")!,
                (string?)result.Descendants(_trx + "Message").FirstOrDefault() ?? "",
                (string?)result.Descendants(_trx + "StdOut").FirstOrDefault() ?? "")));
    }

    // The inner project is built beside this one (it is a reference), in the same configuration
    // and for the same framework: its output is this one's, under its own project folder.
    private static string Assembly()
    {
        var project = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(project.FullName, "Cassette.MSTest.Tests.csproj")))
        {
            project = project.Parent ?? throw new InvalidOperationException("No Cassette.MSTest.Tests.csproj above " + AppContext.BaseDirectory);
        }

        string output = Path.GetRelativePath(project.FullName, AppContext.BaseDirectory);
        return Path.Combine(project.Parent!.FullName, Project, output, Project + ".dll");
    }
}
