using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// Two recordings of the same Microsoft.Extensions.AI conversation over the OpenAI SDK, with
/// function invocation: the completion ids, timestamps, system fingerprints, tool call ids, the
/// stream's obfuscation and the request-id header OpenAI makes up differ, and <c>cassette diff</c>
/// sees no change.
/// </summary>
public sealed class MicrosoftExtensionsAIReRecordingTests : IDisposable
{
    private readonly ReRecording _recordings = new();

    public void Dispose() => _recordings.Dispose();

    private Task<string> RecordAsync(FakeOpenAIChat fake, bool streaming) => _recordings.RecordAsync(
        upstream => fake.Serve(upstream),
        async (path, upstream) => Assert.Equal(
            fake.Answer,
            (await WeatherChat.RunAsync(path, CassetteMode.Record, upstream, ChatClients.OpenAI, streaming)).Response.Text));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_ReportsNoSemanticChanges(bool streaming)
    {
        string first = await RecordAsync(new FakeOpenAIChat(), streaming);
        string second = await RecordAsync(new FakeOpenAIChat(), streaming);

        ReRecording.AssertNoSemanticChanges(first, second, "id", "created", "system_fingerprint", "tool_call_id", "X-Request-Id");
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

    [Fact]
    public async Task Diff_ReRecordedWithAnotherToolArgument_ReportsTheArgument()
    {
        string first = await RecordAsync(new FakeOpenAIChat(), streaming: true);
        string second = await RecordAsync(new FakeOpenAIChat { Location = "Rome, Italy" }, streaming: true);

        string output = ReRecording.AssertReported(first, second, "Florence, Italy", "Rome, Italy");

        Assert.Contains("(2 interactions changed)", output, StringComparison.Ordinal);
    }
}
