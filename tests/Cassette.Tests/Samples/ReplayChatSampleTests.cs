using System.Diagnostics;
using Cassette.Tests.Support;

namespace Cassette.Tests.Samples;

/// <summary>The README's sample, run as a user runs it: a real process over its built output.</summary>
public sealed class ReplayChatSampleTests
{
    // The solution builds the sample beside the tests, in the same configuration.
    private static string SampleOutput()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string output = Path.Combine(dir.FullName, "samples", "ReplayChat", "bin", configuration, framework);
            if (File.Exists(Path.Combine(output, "ReplayChat.dll")))
            {
                return output;
            }
        }

        throw new InvalidOperationException("Build the solution first: samples/ReplayChat was not found built above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(folder, "ReplayChat.dll"));
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

    [Fact]
    public async Task Run_Fast_ReplaysTheWholeConversationAndExitsZero()
    {
        var (exitCode, output, error) = await RunAsync(SampleOutput(), "--fast");

        Assert.Equal("", error);
        Assert.Contains("calls weather({\"location\": \"Florence,Italy\"})", output, StringComparison.Ordinal);
        Assert.EndsWith("Every recorded interaction was played.\n", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_UnknownFlag_ExitsTwoWithTheUsage()
    {
        var (exitCode, output, error) = await RunAsync(SampleOutput(), "--fsat");

        Assert.Equal("", output);
        Assert.StartsWith("Unknown argument \"--fsat\".\n", error, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project samples/ReplayChat -- [PROVIDER] [--fast]", error, StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
    }

    [Fact]
    public async Task Run_Help_PrintsTheUsageAndExitsZero()
    {
        var (exitCode, output, _) = await RunAsync(SampleOutput(), "--help");

        Assert.Contains("--fast    no pacing", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_RecordingWithAnInteractionTheConversationNeverReaches_ExitsOne()
    {
        using var copy = new TempDirectory();
        string source = SampleOutput();
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = copy.PathOf(Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // One interaction more than the conversation sends.
        string cassettePath = copy.PathOf(Path.Combine("cassettes", "tool_streaming_kimi-k2_chutes.yaml"));
        var cassette = CassetteFile.Load(cassettePath);
        cassette.Add(cassette.Interactions[0] with { Request = cassette.Interactions[0].Request with { Url = "https://openrouter.ai/api/v1/never-sent" } });
        cassette.Save(cassettePath);

        var (exitCode, _, error) = await RunAsync(copy.Path, "--fast");

        Assert.Contains("1 of the 3 interactions", error, StringComparison.Ordinal);
        Assert.Contains("never-sent", error, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }
}
