using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

/// <summary>The tool as a real process: exit codes and output through real pipes (so no colour).</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task Diff_ChangedToolArgument_ExitsOneWithPlainText()
    {
        using var temp = new TempDirectory();
        string newer = temp.PathOf("new.yaml");
        File.WriteAllText(newer, SeedVariants.ChangedToolArgument);

        var (exitCode, output, error) = await CliProcess.RunAsync("diff", Fixtures.Seed(SeedVariants.Chutes), newer);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("\e[", output, StringComparison.Ordinal);
        Assert.Contains("      @@ $.tool_calls[0].arguments.location @@\n", output, StringComparison.Ordinal);
        Assert.EndsWith("\n1 of 1 cassette changed.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PlantedKey_ExitsOne_AndShowAndHelpExitZero()
    {
        using var temp = new TempDirectory();
        string file = temp.PathOf("leak.yaml");
        File.WriteAllText(file, SeedVariants.Replace(SeedVariants.Original, ("- OpenAI/Go 2.3.0", "- OpenAI/Go 2.3.0 sk-proj-abcdefghijklmnopqrstuvwxyz")));

        var check = await CliProcess.RunAsync("check", file);
        var show = await CliProcess.RunAsync("show", Fixtures.Seed(SeedVariants.Chutes));
        var help = await CliProcess.RunAsync("diff", "--help");

        Assert.Equal(1, check.ExitCode);
        Assert.StartsWith($"{file}:18: secret: interaction 0: request header \"User-Agent\" holds a credential (\"sk-p…\").", check.Output, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("    tool call weather {\"location\": \"Florence,Italy\"} (id functions.weather:0)\n", show.Output, StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("  cassette diff --git origin/main fixtures\n", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownCommand_ExitsTwo()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Run 'cassette --help' for usage.", error, StringComparison.Ordinal);
    }
}
