using System.Net.Http.Headers;

namespace Cassette.Tests.Support;

/// <summary>Cassettes of one audio transcription upload, written as <see cref="MultipartFormDataContent"/> puts it on the wire.</summary>
internal static class MultipartCassettes
{
    public const string Url = "https://api.example.test/v1/audio/transcriptions";

    /// <summary>
    /// Saves a cassette whose request is a file, a <c>model</c> and a <c>response_format</c> field
    /// (left out when <paramref name="responseFormat"/> is null) between <paramref name="boundary"/>.
    /// </summary>
    public static string Save(TempDirectory temp, string name, string boundary, string model = "whisper-1", string? responseFormat = "json")
    {
        var file = new ByteArrayContent([0x52, 0x49, 0x46, 0x46, 0x80, 0xFF]);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var content = new MultipartFormDataContent(boundary)
        {
            { file, "file", "audio.wav" },
            { new StringContent(model), "model" },
        };
        if (responseFormat is not null)
        {
            content.Add(new StringContent(responseFormat), "response_format");
        }

        var interaction = TestInteractions.Post("", """{"text":"Hello."}""", Url);
        interaction = interaction with
        {
            Request = interaction.Request with
            {
                Body = content.ReadAsByteArrayAsync().GetAwaiter().GetResult(),
                Headers = TestInteractions.Headers(("Content-Type", content.Headers.ContentType!.ToString())),
            },
        };
        string path = temp.PathOf(name);
        TestInteractions.NewCassette(interaction).Save(path);
        return path;
    }
}
