using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// Two recordings of the same OpenAI SDK audio transcription, a multipart upload: the random
/// boundary the SDK makes up and the request-id headers OpenAI makes up differ, and
/// <c>cassette diff</c> sees no change.
/// </summary>
public sealed class AudioTranscriptionReRecordingTests : IDisposable
{
    private readonly ReRecording _recordings = new();

    public void Dispose() => _recordings.Dispose();

    private Task<string> RecordAsync(FakeOpenAITranscription fake, string language = "en") => _recordings.RecordAsync(
        upstream => fake.Serve(upstream),
        async (path, upstream) => Assert.Equal(fake.Text, await OpenAITranscriptionCall.TranscribeAsync(path, CassetteMode.Record, upstream, language)));

    private static string ContentType(string path) => CassetteFile.Load(path).Interactions.Single().Request.Headers["Content-Type"].Single();

    [Fact]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_ReportsNoSemanticChanges()
    {
        string first = await RecordAsync(new FakeOpenAITranscription());
        string second = await RecordAsync(new FakeOpenAITranscription());

        Assert.NotEqual(ContentType(first), ContentType(second));
        ReRecording.AssertNoSemanticChanges(first, second, "X-Request-Id");
    }

    [Fact]
    public async Task Diff_ReRecordedWithAnotherTranscript_ReportsTheText()
    {
        string first = await RecordAsync(new FakeOpenAITranscription());
        string second = await RecordAsync(new FakeOpenAITranscription { Text = "Goodbye from the fake upstream." });

        ReRecording.AssertReported(first, second, "Hello from the fake upstream.", "Goodbye from the fake upstream.");
    }

    [Fact]
    public async Task Diff_ReRecordedInAnotherLanguage_ReportsTheLanguagePart()
    {
        string first = await RecordAsync(new FakeOpenAITranscription());
        string second = await RecordAsync(new FakeOpenAITranscription(), language: "fr");

        var (exitCode, output, error) = ReRecording.Diff(first, second);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("\n      -  en\n      +  fr\n", output, StringComparison.Ordinal);
    }
}
