using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// Two recordings of the same Azure.AI.OpenAI chat completion: the SDK's
/// <c>x-ms-client-request-id</c>, API Management's <c>apim-request-id</c>, the model session and
/// the completion's id and timestamp differ, and <c>cassette diff</c> sees no change.
/// </summary>
public sealed class AzureOpenAIReRecordingTests : IDisposable
{
    private readonly ReRecording _recordings = new();

    public void Dispose() => _recordings.Dispose();

    private Task<string> RecordAsync(FakeOpenAIChat fake, bool streaming) => _recordings.RecordAsync(
        upstream => fake.Serve(upstream),
        async (path, upstream) => Assert.Equal(fake.Answer, await AzureOpenAIChat.RunAsync(path, CassetteMode.Record, upstream, streaming)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_ReportsNoSemanticChanges(bool streaming)
    {
        string first = await RecordAsync(new FakeOpenAIChat { Azure = true }, streaming);
        string second = await RecordAsync(new FakeOpenAIChat { Azure = true }, streaming);

        ReRecording.AssertNoSemanticChanges(first, second, "id", "created", "X-Ms-Client-Request-Id", "Apim-Request-Id", "Azureml-Model-Session", "X-Request-Id");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithAnotherAnswer_ReportsTheAnswer(bool streaming)
    {
        string first = await RecordAsync(new FakeOpenAIChat { Azure = true }, streaming);
        string second = await RecordAsync(new FakeOpenAIChat { Azure = true, Answer = "The weather in Florence is rainy, 12°C." }, streaming);

        ReRecording.AssertReported(first, second, FakeUpstream.AnswerText, "The weather in Florence is rainy, 12°C.");
    }
}
