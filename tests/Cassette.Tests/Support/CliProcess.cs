using System.Diagnostics;

namespace Cassette.Tests.Support;

/// <summary>Runs the built <c>cassette</c> tool as a real process (<c>dotnet Cassette.Cli.dll …</c>).</summary>
internal static class CliProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        // The test project references the tool, so the build copies it next to the tests.
        string dll = Path.Combine(AppContext.BaseDirectory, "Cassette.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
