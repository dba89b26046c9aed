using Cassette.Tests.Support;

namespace Cassette.Tests.Samples;

/// <summary>The README's sample, run as a user runs it.</summary>
public sealed class ReplayChatSampleTests
{
    private const string Sample = "ReplayChat";

    [Fact]
    public async Task Run_Fast_ReplaysTheWholeConversationAndExitsZero()
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync(Sample, "--fast");

        Assert.Equal("", error);
        Assert.Contains("calls weather({\"location\": \"Florence,Italy\"})", output, StringComparison.Ordinal);
        Assert.EndsWith("Every recorded interaction was played.\n", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_UnknownFlag_ExitsTwoWithTheUsage()
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync(Sample, "--fsat");

        Assert.Equal("", output);
        Assert.StartsWith("Unknown argument \"--fsat\".\n", error, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project samples/ReplayChat -- [PROVIDER] [--fast]", error, StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
    }

    [Fact]
    public async Task Run_Help_PrintsTheUsageAndExitsZero()
    {
        var (exitCode, output, _) = await SampleProcess.RunAsync(Sample, "--help");

        Assert.Contains("--fast    no pacing", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_RecordingWithAnInteractionTheConversationNeverReaches_ExitsOne()
    {
        using var copy = new TempDirectory();
        SampleProcess.CopyOutput(Sample, copy.Path);

        // One interaction more than the conversation sends.
        string cassettePath = copy.PathOf(Path.Combine("cassettes", "tool_streaming_kimi-k2_chutes.yaml"));
        var cassette = CassetteFile.Load(cassettePath);
        cassette.Add(cassette.Interactions[0] with { Request = cassette.Interactions[0].Request with { Url = "https://openrouter.ai/api/v1/never-sent" } });
        cassette.Save(cassettePath);

        var (exitCode, _, error) = await SampleProcess.RunFromAsync(copy.Path, Sample, "--fast");

        Assert.Contains("1 of the 3 interactions", error, StringComparison.Ordinal);
        Assert.Contains("never-sent", error, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }
}
