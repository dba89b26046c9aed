using System.Net.Http.Headers;
using System.Text;
using Cassette.Tests.Support;
using OpenAI.Audio;

namespace Cassette.Tests.Replay;

/// <summary>
/// Multipart uploads (audio transcription, files, images) recorded through <see cref="RecordingHandler"/>
/// and replayed through <see cref="ReplayingHandler"/>: every request gets a new random boundary,
/// and the default body matcher compares the parts, not the boundary.
/// </summary>
public sealed class MultipartReplayTests : IDisposable
{
    // Where TestHost's fake upstream is reached, recorded and replayed.
    private const string Endpoint = "http://localhost/v1/audio/transcriptions";

    private const string Transcript = """{"text":"Hello from the fake upstream."}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-multipart-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Replay_TranscriptionWithANewRandomBoundary_MatchesTheRecordedOne()
    {
        var (cassette, recordedType) = await RecordAsync(Transcription(OpenAITranscriptionCall.Wav()));
        using var http = new HttpClient(new ReplayingHandler(cassette));
        using var live = Transcription(OpenAITranscriptionCall.Wav());

        using var response = await http.PostAsync(Endpoint, live, Ct);

        Assert.NotEqual(recordedType, live.Headers.ContentType!.ToString());
        Assert.Equal(Transcript, await response.Content.ReadAsStringAsync(Ct));
    }

    public static TheoryData<string, string> Changes() => new()
    {
        { "model", "part 2 (name=\"model\"): \"whisper-1\" vs \"gpt-4o-transcribe\"" },
        // Byte 45 of the file is the second byte of the first sample.
        { "file byte", "part 1 (name=\"file\"): 48 bytes vs 48 bytes, first difference at byte 45" },
        { "filename", "part 1 (name=\"file\"): filename \"audio.wav\" vs \"speech.wav\"" },
        { "file type", "part 1 (name=\"file\"): content type \"audio/wav\" vs \"audio/x-wav\"" },
        { "extra part", "part count differs: 3 recorded (file, model, response_format), 4 in the request (file, model, response_format, language)" },
        { "format", "part 3 (name=\"response_format\"): \"json\" vs \"verbose_json\"" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Replay_ChangedPart_ThrowsNamingThePartAndHowItDiffers(string change, string expected)
    {
        var (cassette, _) = await RecordAsync(Transcription(OpenAITranscriptionCall.Wav()));
        using var http = new HttpClient(new ReplayingHandler(cassette));
        byte[] wav = OpenAITranscriptionCall.Wav();
        if (change == "file byte")
        {
            wav[45] ^= 0x10;
        }

        using var live = Transcription(
            wav,
            model: change == "model" ? "gpt-4o-transcribe" : "whisper-1",
            fileName: change == "filename" ? "speech.wav" : "audio.wav",
            fileType: change == "file type" ? "audio/x-wav" : "audio/wav",
            format: change == "format" ? "verbose_json" : "json");
        if (change == "extra part")
        {
            live.Add(new StringContent("en"), "language");
        }

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(
            () => http.PostAsync(Endpoint, live, Ct));

        Assert.Contains("body FAILED", error.Message, StringComparison.Ordinal);
        Assert.Contains("against the request (+), part by part; " + expected + ":\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ChangedPart_DiffShowsThePartsAsText()
    {
        var (cassette, _) = await RecordAsync(Transcription(OpenAITranscriptionCall.Wav()));
        using var http = new HttpClient(new ReplayingHandler(cassette));
        using var live = Transcription(OpenAITranscriptionCall.Wav(), model: "gpt-4o-transcribe");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(
            () => http.PostAsync(Endpoint, live, Ct));

        Assert.Contains(
            "part 2 (name=\"model\"), Content-Type text/plain; charset=utf-8:\n-whisper-1\n+gpt-4o-transcribe\n part 3 (name=\"response_format\"), Content-Type text/plain; charset=utf-8:\n",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_JsonPartWithKeysReorderedAndAnIgnoredPath_Matches()
    {
        using var recorded = new MultipartFormDataContent
        {
            { new StringContent("""{"purpose":"fine-tune","request_id":"r-1"}""", Encoding.UTF8, "application/json"), "metadata" },
        };
        var (cassette, _) = await RecordAsync(recorded);
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body("$.request_id")] };
        using var http = new HttpClient(new ReplayingHandler(cassette, options));
        using var live = new MultipartFormDataContent
        {
            { new StringContent("""{ "request_id": "r-2", "purpose": "fine-tune" }""", Encoding.UTF8, "application/json"), "metadata" },
        };

        using var response = await http.PostAsync(Endpoint, live, Ct);

        Assert.Equal(Transcript, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Replay_MultipartLookingBodyThatIsNotMultipart_IsComparedAsBytes()
    {
        const string Recorded = "--one\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--one--\r\n";
        using var recorded = new StringContent(Recorded, Encoding.UTF8, "text/plain");
        var (cassette, _) = await RecordAsync(recorded);
        using var http = new HttpClient(new ReplayingHandler(cassette));
        using var same = new StringContent(Recorded, Encoding.UTF8, "text/plain");
        using var other = new StringContent(Recorded.Replace("--one", "--two", StringComparison.Ordinal), Encoding.UTF8, "text/plain");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(
            () => http.PostAsync(Endpoint, other, Ct));
        using var response = await http.PostAsync(Endpoint, same, Ct);

        Assert.DoesNotContain("part by part", error.Message, StringComparison.Ordinal);
        Assert.Equal(Transcript, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TranscribeAudioAsync_RecordedThenReplayed_ReturnsTheTranscript()
    {
        var options = new AudioTranscriptionOptions { Language = "en", ResponseFormat = AudioTranscriptionFormat.Simple };
        var cassette = await RecordAsync(async http =>
        {
            using var wav = new MemoryStream(OpenAITranscriptionCall.Wav());
            var recorded = await OpenAITranscriptionCall.Client(http).TranscribeAudioAsync(wav, "audio.wav", options, Ct);
            Assert.Equal("Hello from the fake upstream.", recorded.Value.Text);
        });
        using var spy = new ContentTypes(new ReplayingHandler(cassette));
        using var http = new HttpClient(spy);
        using var wav = new MemoryStream(OpenAITranscriptionCall.Wav());

        var replayed = await OpenAITranscriptionCall.Client(http).TranscribeAudioAsync(wav, "audio.wav", options, Ct);
        var changed = await Assert.ThrowsAsync<CassetteMismatchException>(() =>
            OpenAITranscriptionCall.Client(http).TranscribeAudioAsync(new MemoryStream(OpenAITranscriptionCall.Wav()), "audio.wav", new AudioTranscriptionOptions { Language = "fr", ResponseFormat = AudioTranscriptionFormat.Simple }, Ct));

        Assert.Equal("Hello from the fake upstream.", replayed.Value.Text);
        Assert.StartsWith("multipart/form-data", spy.Seen[0], StringComparison.Ordinal);
        Assert.NotEqual(MultipartBody.ContentType(cassette.Interactions[0].Request), spy.Seen[0]);
        Assert.Contains("part by part; part 3 (name=\"language\"): \"en\" vs \"fr\":\n", changed.Message, StringComparison.Ordinal);
    }

    /// <summary>What the OpenAI SDK sends for a transcription: the file first, then the fields.</summary>
    private static MultipartFormDataContent Transcription(
        byte[] wav, string model = "whisper-1", string fileName = "audio.wav", string fileType = "audio/wav", string format = "json")
    {
        var file = new ByteArrayContent(wav);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileType);
        return new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(model), "model" },
            { new StringContent(format), "response_format" },
        };
    }

    /// <summary>Records one POST of <paramref name="content"/> against the fake upstream, saves and loads the cassette.</summary>
    private async Task<(CassetteFile Cassette, string ContentType)> RecordAsync(HttpContent content)
    {
        var cassette = await RecordAsync(async client =>
        {
            using var response = await client.PostAsync(Endpoint, content, Ct);
            Assert.Equal(Transcript, await response.Content.ReadAsStringAsync(Ct));
        });
        string contentType = content.Headers.ContentType!.ToString();
        content.Dispose();
        return (cassette, contentType);
    }

    /// <summary>Records what <paramref name="send"/> sends to the fake upstream, saves and loads the cassette.</summary>
    private async Task<CassetteFile> RecordAsync(Func<HttpClient, Task> send)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        new FakeOpenAITranscription().Serve(upstream);
        var recorded = new CassetteFile();
        var handler = new RecordingHandler(recorded, upstream.CreateHandler());
        using (var client = new HttpClient(handler))
        {
            await send(client);
            await handler.FlushAsync(Ct);
        }

        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".yaml");
        recorded.Save(path);
        return CassetteFile.Load(path);
    }

    /// <summary>Remembers the content type of each request it passes on.</summary>
    private sealed class ContentTypes(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<string> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request.Content?.Headers.ContentType?.ToString() ?? "");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
