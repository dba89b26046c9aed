using System.Net.Http.Headers;
using System.Text;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Recording;

/// <summary>
/// Record from the fake upstream through <see cref="RecordingHandler"/>, save, load, replay
/// through <see cref="ReplayingHandler"/>: the client gets the same status, headers and bytes.
/// </summary>
public sealed class RecordReplayRoundTripTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-roundtrip-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Exchanges() => ["json", "stream-tools", "stream-answer", "gzip", "status-429", "get-query"];

    [Theory]
    [MemberData(nameof(Exchanges))]
    public async Task RecordSaveLoadReplay_GivesTheSameStatusHeadersAndBytes(string exchange)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Gzip = exchange == "gzip";
        if (exchange == "status-429")
        {
            upstream.Handler = async context =>
            {
                context.Response.StatusCode = 429;
                context.Response.ContentType = "application/json";
                context.Response.Headers["Retry-After"] = "7";
                await context.Response.WriteAsync("""{"error":{"message":"slow down"}}""", Token);
            };
        }

        string path = Path.Combine(_folder, exchange + ".yaml");
        var recorded = new CassetteFile();
        Observed live;
        var handler = new RecordingHandler(recorded, upstream.CreateHandler());
        using (var client = new HttpClient(handler))
        {
            live = await SendAsync(client, upstream, exchange);
            await handler.FlushAsync(Token);
        }

        recorded.Save(path);
        var loaded = CassetteFile.Load(path);
        using var replayer = new ReplayingHandler(loaded);
        using var replayClient = new HttpClient(replayer);
        var replayed = await SendAsync(replayClient, upstream, exchange);

        Assert.Equal(live.Status, replayed.Status);
        Assert.Equal(live.Body, replayed.Body);
        // The recorder dropped the credential header; everything else comes back as it was.
        Assert.Equal(live.Headers.Where(h => h.Key != "Set-Cookie"), replayed.Headers);
        Assert.Single(upstream.Received);
        replayer.VerifyAllPlayed();
    }

    private static async Task<Observed> SendAsync(HttpClient client, FakeUpstream upstream, string exchange)
    {
        using var request = exchange switch
        {
            "get-query" => new HttpRequestMessage(HttpMethod.Get, upstream.Url("v1/models?limit=2&after=m%201")),
            _ => new HttpRequestMessage(HttpMethod.Post, upstream.Url("v1/chat/completions"))
            {
                Content = Json(exchange.StartsWith("stream", StringComparison.Ordinal)
                    ? $$"""{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"weather?"}]{{(exchange == "stream-tools" ? ""","tools":[{"type":"function","function":{"name":"get_weather"}}]""" : "")}}}"""
                    : """{"model":"fake-model","messages":[{"role":"user","content":"weather?"}]}"""),
            },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var body = new MemoryStream();
        await (await response.Content.ReadAsStreamAsync(Token)).CopyToAsync(body, Token);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToUpperInvariant(), h => string.Join(",", h.Value))
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => new KeyValuePair<string, string>(h.Key == "SET-COOKIE" ? "Set-Cookie" : h.Key, h.Value))
            .ToArray();
        return new Observed((int)response.StatusCode, headers, body.ToArray());
    }

    private static ByteArrayContent Json(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed record Observed(int Status, KeyValuePair<string, string>[] Headers, byte[] Body);
}
