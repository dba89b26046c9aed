using System.Text;

namespace Cassette.Tests.Support;

/// <summary>Small cassettes built in code, for tests that need one precise situation.</summary>
internal static class TestInteractions
{
    public const string Url = "https://api.example.test/v1/chat/completions";

    public static CassetteFile NewCassette(params Interaction[] interactions)
    {
        return new CassetteFile { Interactions = interactions };
    }

    public static Interaction Post(string requestBody, string responseBody, string url = Url) => new(
        new RecordedRequest
        {
            Proto = "HTTP/1.1",
            ProtoMajor = 1,
            ProtoMinor = 1,
            Method = "POST",
            Url = url,
            Body = Encoding.UTF8.GetBytes(requestBody),
            ContentLength = Encoding.UTF8.GetByteCount(requestBody),
            Headers = Headers(("Content-Type", "application/json")),
        },
        new RecordedResponse
        {
            Proto = "HTTP/2.0",
            ProtoMajor = 2,
            ProtoMinor = 0,
            ContentLength = -1,
            Body = Encoding.UTF8.GetBytes(responseBody),
            Headers = Headers(("Content-Type", "application/json")),
            Status = "200 OK",
            Code = 200,
            Duration = GoDuration.Parse("1.5s"),
        });

    public static Interaction Sse(string requestBody, string events, string duration = "1s") =>
        Post(requestBody, "") with
        {
            Response = Post(requestBody, "").Response with
            {
                Body = Encoding.UTF8.GetBytes(events),
                Headers = Headers(("Content-Type", "text/event-stream")),
                Duration = GoDuration.Parse(duration),
            },
        };

    public static Interaction Ndjson(string requestBody, string lines, string contentType = "application/x-ndjson")
    {
        var interaction = Sse(requestBody, lines);
        return interaction with { Response = interaction.Response with { Headers = Headers(("Content-Type", contentType)) } };
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Headers(params (string Name, string Value)[] headers) =>
        headers.GroupBy(h => h.Name).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(h => h.Value).ToList());

    public static HttpRequestMessage Request(string body, string url = Url) => new(HttpMethod.Post, url)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };
}
