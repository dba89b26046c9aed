using System.Diagnostics;

namespace Cassette.Tests.Samples;

/// <summary>Runs a sample as a user runs it: a real process over its built output.</summary>
internal static class SampleProcess
{
    // The solution builds each sample beside the tests, in the same configuration.
    public static string OutputOf(string sample)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string output = Path.Combine(dir.FullName, "samples", sample, "bin", configuration, framework);
            if (File.Exists(Path.Combine(output, sample + ".dll")))
            {
                return output;
            }
        }

        throw new InvalidOperationException($"Build the solution first: samples/{sample} was not found built above {AppContext.BaseDirectory}");
    }

    /// <summary>Copies a sample's built output into <paramref name="folder"/>, to run it over edited recordings.</summary>
    public static void CopyOutput(string sample, string folder)
    {
        string source = OutputOf(sample);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunFromAsync(string folder, string sample, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(folder, sample + ".dll"));
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

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string sample, params string[] args) =>
        RunFromAsync(OutputOf(sample), sample, args);
}
