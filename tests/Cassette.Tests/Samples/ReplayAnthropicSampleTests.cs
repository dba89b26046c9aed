using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Samples;

/// <summary>
/// The Anthropic sample, run as a user runs it: real Claude conversations recorded by a Go client,
/// replayed through the official Anthropic .NET SDK.
/// </summary>
public sealed class ReplayAnthropicSampleTests
{
    private const string Sample = "ReplayAnthropic";

    [Fact]
    public async Task Run_Fast_ReplaysTheToolCallAndTheAnswer()
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync(Sample, "--fast");

        Assert.Equal("", error);
        Assert.Contains("assistant  I'll get the weather information for Florence, Italy for you.\n", output, StringComparison.Ordinal);
        Assert.Contains("calls      weather({\"location\": \"Florence,Italy\"})\n", output, StringComparison.Ordinal);
        Assert.Contains("assistant  The current weather in Florence, Italy shows a temperature of 40°C", output, StringComparison.Ordinal);
        Assert.EndsWith("Every recorded interaction was played.\n", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_Thinking_SendsTheThinkingBackWithItsSignature()
    {
        var (exitCode, output, error) = await SampleProcess.RunAsync(Sample, "--thinking", "--fast");

        Assert.Equal("", error);
        Assert.Contains("thinking   The user is asking for weather information for Florence, Italy.", output, StringComparison.Ordinal);
        Assert.Contains("calls      weather({\"location\": \"Florence, Italy\"})\n", output, StringComparison.Ordinal);
        Assert.Contains("assistant  The current weather in Florence, Italy is 40°C (104°F).", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_Thinking_RecordingWithAnotherSignature_IsAMismatchAtTheSignature()
    {
        using var copy = new TempDirectory();
        SampleProcess.CopyOutput(Sample, copy.Path);

        // The second request carries the first answer's thinking signature back to the model.
        string cassettePath = copy.PathOf(Path.Combine("cassettes", "thinking-streaming.yaml"));
        var cassette = CassetteFile.Load(cassettePath);
        var second = cassette.Interactions[1];
        string body = Encoding.UTF8.GetString(second.Request.Body.Span);
        Assert.Contains("\"signature\":\"EtYDCkYI", body, StringComparison.Ordinal);
        byte[] otherSignature = Encoding.UTF8.GetBytes(body.Replace("\"signature\":\"EtYDCkYI", "\"signature\":\"XXXXCkYI", StringComparison.Ordinal));
        cassette.Interactions = [cassette.Interactions[0], second with { Request = second.Request with { Body = otherSignature } }];
        cassette.Save(cassettePath);

        var (exitCode, _, error) = await SampleProcess.RunFromAsync(copy.Path, Sample, "--thinking", "--fast");

        Assert.Contains("first difference at $.messages[1].content[0].signature", error, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }
}
