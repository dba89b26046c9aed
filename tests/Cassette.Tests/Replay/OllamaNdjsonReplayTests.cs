using System.Text;
using System.Text.Json;
using Cassette.Tests.Support;

namespace Cassette.Tests.Replay;

/// <summary>
/// An Ollama chat stream (<c>application/x-ndjson</c>, one JSON object a line) recorded from a
/// fake upstream through a real <see cref="HttpClient"/>, saved, loaded and replayed with the
/// upstream gone: each line reaches the reader on its own, paced like an SSE event.
/// </summary>
public sealed class OllamaNdjsonReplayTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SendAsync_RecordingAStream_ClientReadsEachLineBeforeTheNextIsSentAndTheWholeStreamIsRecorded()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var secondLineAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ServeOllama(upstream, i => i == 1 ? secondLineAllowed.Task : Task.CompletedTask);
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        using var request = ChatPost(upstream);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        string? first = await reader.ReadLineAsync(Ct);

        // The upstream is still held before its second line, and the client already has the first.
        Assert.False(secondLineAllowed.Task.IsCompleted);
        Assert.Equal(OllamaChat.Lines[0], first);
        Assert.Empty(cassette.Interactions);

        secondLineAllowed.SetResult();
        Assert.Equal(OllamaChat.Body, first + "\n" + await reader.ReadToEndAsync(Ct));
        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.Equal(OllamaChat.Body, Encoding.UTF8.GetString(recorded.Body.Span));
        Assert.Equal(-1, recorded.ContentLength);
        Assert.Equal(["application/x-ndjson"], recorded.Headers["Content-Type"]);
    }

    [Fact]
    public async Task ReadAsync_UpstreamGone_OneLinePerReadWithTheSameTextAndTheToolCallByteForByte()
    {
        string path = await RecordAsync(TimeSpan.FromSeconds(5));
        using var http = new HttpClient(new ReplayingHandler(CassetteFile.Load(path)));
        using var request = ChatPost(new Uri("http://localhost/api/chat"));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var reads = await StreamReads.AllAsync(stream, Ct);

        Assert.Equal(OllamaChat.Lines.Select(l => l + "\n"), reads);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var messages = reads.Select(r => JsonDocument.Parse(r).RootElement).ToList();
        Assert.Equal(OllamaChat.Text, string.Concat(messages.Select(m => m.GetProperty("message").GetProperty("content").GetString())));
        Assert.Equal(OllamaChat.ToolCallLine + "\n", reads.Single(r => r.Contains("\"tool_calls\"", StringComparison.Ordinal)));
        var last = messages[^1];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal("stop", last.GetProperty("done_reason").GetString());
        Assert.Equal(17, last.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task ReadAsync_SpreadOverEvents_ReleasesEachLineOnlyWhenItsShareOfTheDurationHasPassed()
    {
        string path = await RecordAsync(TimeSpan.FromSeconds(5));
        var clock = new ManualClock();
        using var http = new HttpClient(new ReplayingHandler(
            CassetteFile.Load(path), new ReplayOptions { Pacing = ReplayPacing.SpreadOverEvents, PacingScale = 2, TimeProvider = clock }));
        using var request = ChatPost(new Uri("http://localhost/api/chat"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        byte[] buffer = new byte[1 << 16];

        // Five lines over five recorded seconds, scaled by two: two seconds a line.
        var first = stream.ReadAsync(buffer, Ct).AsTask();
        await clock.WaitForTimersAsync();
        Assert.False(first.IsCompleted);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.PendingDelays);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(OllamaChat.Lines[0] + "\n", Encoding.UTF8.GetString(buffer, 0, await first));

        // The reader holds the first line; the second is not produced until the clock moves.
        var second = stream.ReadAsync(buffer, Ct).AsTask();
        await clock.WaitForTimersAsync();
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(OllamaChat.Lines[1] + "\n", Encoding.UTF8.GetString(buffer, 0, await second));
    }

    [Fact]
    public async Task SendAsync_BeforeResponse_WaitsTheRecordedDurationThenGivesEveryLine()
    {
        string path = await RecordAsync(TimeSpan.FromSeconds(5));
        var clock = new ManualClock();
        using var http = new HttpClient(new ReplayingHandler(
            CassetteFile.Load(path), new ReplayOptions { Pacing = ReplayPacing.BeforeResponse, TimeProvider = clock }));
        using var request = ChatPost(new Uri("http://localhost/api/chat"));

        var sending = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        await clock.WaitForTimersAsync();
        Assert.False(sending.IsCompleted);
        Assert.Equal([TimeSpan.FromSeconds(5)], clock.PendingDelays);
        clock.Advance(TimeSpan.FromSeconds(5));
        using var response = await sending;

        Assert.Equal(OllamaChat.Body, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, clock.PendingTimers);
    }

    // Records one streamed chat whose response headers came after `headersAfter`, saves it, and
    // stops the upstream: the cassette is all that is left.
    private async Task<string> RecordAsync(TimeSpan headersAfter)
    {
        var clock = new ManualClock();
        var cassette = new CassetteFile();
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            ServeOllama(upstream, _ => Task.CompletedTask);
            upstream.BeforeResponse = _ =>
            {
                clock.Advance(headersAfter);
                return Task.CompletedTask;
            };
            var handler = new RecordingHandler(cassette, upstream.CreateHandler(), new RecordingOptions { TimeProvider = clock });
            using var client = new HttpClient(handler);
            using var request = ChatPost(upstream);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(OllamaChat.Body, await response.Content.ReadAsStringAsync(Ct));
            await handler.FlushAsync(Ct);
        }

        string path = Path.Combine(_folder.Path, "ollama-chat.yaml");
        cassette.Save(path);
        return path;
    }

    private static void ServeOllama(FakeUpstream upstream, Func<int, Task> beforeLine) =>
        upstream.Handler = async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.StartAsync();
            for (int i = 0; i < OllamaChat.Lines.Count; i++)
            {
                await beforeLine(i);
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(OllamaChat.Lines[i] + "\n"));
                await context.Response.Body.FlushAsync();
            }
        };

    private static HttpRequestMessage ChatPost(FakeUpstream upstream) => ChatPost(upstream.Url("api/chat"));

    private static HttpRequestMessage ChatPost(Uri url) => new(HttpMethod.Post, url)
    {
        Content = new StringContent(OllamaChat.Request, Encoding.UTF8, "application/json"),
    };
}
