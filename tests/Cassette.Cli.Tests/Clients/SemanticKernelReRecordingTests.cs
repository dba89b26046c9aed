using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// Two recordings of the same Semantic Kernel chat with automatic function calling: the
/// completion ids, timestamps, tool call ids and request-id header OpenAI makes up differ, and
/// <c>cassette diff</c> sees no change.
/// </summary>
public sealed class SemanticKernelReRecordingTests : IDisposable
{
    private readonly ReRecording _recordings = new();

    public void Dispose() => _recordings.Dispose();

    private Task<string> RecordAsync(FakeOpenAIChat fake, bool streaming) => _recordings.RecordAsync(
        upstream => fake.Serve(upstream),
        async (path, upstream) => Assert.Equal(
            fake.Answer,
            (await SemanticKernelChat.RunAsync(path, CassetteMode.Record, upstream, streaming)).Text));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_ReportsNoSemanticChanges(bool streaming)
    {
        string first = await RecordAsync(new FakeOpenAIChat(), streaming);
        string second = await RecordAsync(new FakeOpenAIChat(), streaming);

        ReRecording.AssertNoSemanticChanges(first, second, "id", "created", "tool_call_id", "X-Request-Id");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithAnotherAnswer_ReportsTheAnswer(bool streaming)
    {
        string first = await RecordAsync(new FakeOpenAIChat(), streaming);
        string second = await RecordAsync(new FakeOpenAIChat { Answer = "The weather in Florence is rainy, 12°C." }, streaming);

        ReRecording.AssertReported(first, second, FakeUpstream.AnswerText, "The weather in Florence is rainy, 12°C.");
    }
}
