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

    /// <summary>Starts the tool with its output redirected; the caller reads and stops it.</summary>
    public static Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    /// <summary>How <see cref="Start"/> starts the tool, for a test that changes its environment first.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cassette.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Sends SIGINT, as Ctrl+C does, and returns the exit code (Unix only: uses kill(1)).</summary>
    public static async Task<int> StopWithCtrlCAsync(Process process)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }
}
