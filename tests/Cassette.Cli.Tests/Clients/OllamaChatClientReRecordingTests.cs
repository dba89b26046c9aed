using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// Two recordings of the same OllamaSharp IChatClient tool loop (unstreamed): Ollama's
/// <c>created_at</c> and <c>*_duration</c> timings and the CallId OllamaSharp puts into the
/// tool message's content differ, and <c>cassette diff</c> sees no change.
/// </summary>
public sealed class OllamaChatClientReRecordingTests : IDisposable
{
    private readonly ReRecording _recordings = new();

    public void Dispose() => _recordings.Dispose();

    private Task<string> RecordAsync(FakeOllamaChat fake) => _recordings.RecordAsync(
        upstream => fake.Serve(upstream),
        async (path, upstream) => Assert.Equal(fake.Answer, (await OllamaSharpToolLoop.RecordAsync(path, upstream)).Response.Text));

    [Fact]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_ReportsNoSemanticChanges()
    {
        string first = await RecordAsync(new FakeOllamaChat());
        string second = await RecordAsync(new FakeOllamaChat());

        ReRecording.AssertNoSemanticChanges(first, second, "created_at", "total_duration", "eval_duration", "$.messages[*].content#.CallId");
    }

    [Fact]
    public async Task Diff_ReRecordedWithAnotherAnswer_ReportsTheAnswer()
    {
        string first = await RecordAsync(new FakeOllamaChat());
        string second = await RecordAsync(new FakeOllamaChat { Answer = "It is 12 C in Paris." });

        ReRecording.AssertReported(first, second, "It is 40 C in Paris.", "It is 12 C in Paris.");
    }

    [Fact]
    public async Task Diff_ReRecordedWithAnotherToolArgument_ReportsTheArgument()
    {
        string first = await RecordAsync(new FakeOllamaChat());
        string second = await RecordAsync(new FakeOllamaChat { City = "Lyon" });

        ReRecording.AssertReported(first, second, "Paris", "Lyon");
    }
}
