namespace Cassette.Tests.Samples;

/// <summary>
/// The Microsoft.Extensions.AI sample, run as a user runs it: real OpenAI chat completions
/// recorded by a Go client, replayed through an <c>IChatClient</c>.
/// </summary>
public sealed class ReplayChatClientSampleTests
{
    private const string Sample = "ReplayChatClient";

    [Theory]
    [InlineData("gpt-5", "75")]
    [InlineData("o4-mini", "84")]
    public async Task Run_Streamed_PrintsTheAnswerAndTheRecordedUsage(string model, string outputTokens)
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync(Sample, model, "--fast");

        Assert.Equal("", error);
        Assert.Contains($"Replaying {model}/simple_streaming.yaml", output, StringComparison.Ordinal);
        Assert.Contains("assistant  Olá!\n", output, StringComparison.Ordinal);
        Assert.Contains($"finish: stop, tokens: 19 in, {outputTokens} out\n", output, StringComparison.Ordinal);
        Assert.EndsWith("Every recorded interaction was played.\n", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_Whole_ReplaysTheUnstreamedRecording()
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync(Sample, "--whole");

        Assert.Equal("", error);
        Assert.Contains("Replaying gpt-5/simple.yaml", output, StringComparison.Ordinal);
        Assert.Contains("finish: stop, tokens: 19 in, 139 out\n", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_UnknownModel_ExitsTwoNamingTheRecordingsThereAre()
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync(Sample, "gpt-6");

        Assert.Equal("", output);
        Assert.Equal("There is no recording for model \"gpt-6\". Try gpt-5 or o4-mini.\n", error);
        Assert.Equal(2, exitCode);
    }
}
