using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Audio;

namespace Cassette.Tests.Support;

/// <summary>An audio transcription through the OpenAI SDK's <see cref="AudioClient"/>: a multipart upload with a random boundary.</summary>
internal static class OpenAITranscriptionCall
{
    public static AudioClient Client(HttpClient http) => new(
        "whisper-1",
        new ApiKeyCredential("sk-test"),
        new OpenAIClientOptions
        {
            Endpoint = new Uri("http://localhost/v1"),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    /// <summary>A 16 kHz mono 16-bit PCM WAV file with two samples: a 44-byte header, then 4 bytes of data.</summary>
    public static byte[] Wav()
    {
        using var wav = new MemoryStream();
        using var writer = new BinaryWriter(wav);
        writer.Write("RIFF"u8);
        writer.Write(36 + 4);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(16000);
        writer.Write(32000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(4);
        writer.Write(new byte[] { 0x00, 0x01, 0xFF, 0x7F });
        writer.Flush();
        return wav.ToArray();
    }

    /// <summary>Transcribes <see cref="Wav"/> in <paramref name="language"/> through a cassette, and checks every recorded interaction was played.</summary>
    public static async Task<string> TranscribeAsync(string path, CassetteMode mode, HttpMessageHandler upstream, string language = "en")
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        using var wav = new MemoryStream(Wav());
        var options = new AudioTranscriptionOptions { Language = language, ResponseFormat = AudioTranscriptionFormat.Simple };
        var transcription = await Client(http).TranscribeAudioAsync(wav, "audio.wav", options, TestContext.Current.CancellationToken);
        session.VerifyAllPlayed();
        return transcription.Value.Text;
    }
}
