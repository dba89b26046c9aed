using System.Text;
using Cassette.Tests.Support;
using static Cassette.Tests.Support.TestInteractions;

namespace Cassette.Tests.Replay;

/// <summary>Streamed responses (<c>text/event-stream</c> events, NDJSON lines), read through a real <see cref="HttpClient"/>.</summary>
public sealed class EventReplayContentTests
{
    private const string GeminiStreaming = "providertests/testdata/TestGoogleCommon/gemini-3-pro-preview/simple_streaming.yaml";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> StreamsWithTheirLineEnd() => new()
    {
        { "openrouter/tool_streaming_kimi-k2_chutes.yaml", "\n" },
        { "corpus/" + GeminiStreaming, "\r\n" },
    };

    [Theory]
    [MemberData(nameof(StreamsWithTheirLineEnd))]
    public async Task ReadAsync_RecordedStream_ReturnsOneWholeEventPerRead(string relative, string lineEnd)
    {
        var interaction = CassetteFile.Load(Fixtures.FromRelative(relative)).Interactions[0];
        string body = Encoding.UTF8.GetString(interaction.Response.Body.Span);
        string separator = lineEnd + lineEnd;
        var expected = body.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(e => e + separator).ToList();
        Assert.Equal(body, string.Concat(expected));
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var response = await SendAsync(http, interaction);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);

        Assert.Equal(expected, await StreamReads.AllAsync(stream, Ct));
    }

    [Fact]
    public async Task ReadAsync_SmallBuffer_StillDeliversEveryByte()
    {
        var interaction = CassetteFile.Load(Fixtures.Seed("tool_streaming_kimi-k2_chutes.yaml")).Interactions[1];
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var response = await SendAsync(http, interaction);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var all = new MemoryStream();
        byte[] buffer = new byte[7];
        int read;
        while ((read = await stream.ReadAsync(buffer, Ct)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        Assert.Equal(interaction.Response.Body.ToArray(), all.ToArray());
    }

    [Fact]
    public async Task ReadAsync_SpreadOverEvents_ReleasesEachEventOnlyWhenItsShareOfTheDurationHasPassed()
    {
        var clock = new ManualClock();
        var interaction = Sse("{}", "data: one\n\ndata: two\n\ndata: three\n\n", duration: "3s");
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(interaction), new ReplayOptions { Pacing = ReplayPacing.SpreadOverEvents, PacingScale = 2, TimeProvider = clock }));
        using var response = await SendAsync(http, interaction);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        byte[] buffer = new byte[1024];

        var first = stream.ReadAsync(buffer, Ct).AsTask();
        await clock.WaitForTimersAsync();
        Assert.False(first.IsCompleted);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.PendingDelays);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("data: one\n\n", Encoding.UTF8.GetString(buffer, 0, await first));

        // The reader holds the first event; the second is not produced until the clock moves.
        var second = stream.ReadAsync(buffer, Ct).AsTask();
        await clock.WaitForTimersAsync();
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("data: two\n\n", Encoding.UTF8.GetString(buffer, 0, await second));
    }

    [Fact]
    public async Task ReadAsync_NoPacing_ReleasesEventsWithoutAnyTimer()
    {
        var clock = new ManualClock();
        var interaction = Sse("{}", "data: one\n\ndata: two\n\n");
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), new ReplayOptions { TimeProvider = clock }));
        using var response = await SendAsync(http, interaction);

        Assert.Equal("data: one\n\ndata: two\n\n", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task ReadAsync_RequestCancelledMidStream_StopsTheStream()
    {
        var interaction = Sse("{}", "data: one\n\ndata: two\n\n");
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var cancel = new CancellationTokenSource();
        using var response = await SendUntilAsync(http, interaction, cancel.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        byte[] buffer = new byte[1024];
        Assert.Equal("data: one\n\n", Encoding.UTF8.GetString(buffer, 0, await stream.ReadAsync(buffer, cancel.Token)));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(buffer, cancel.Token).AsTask());
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileWaitingForAnEvent_ThrowsAndLeavesNoTimer()
    {
        var clock = new ManualClock();
        var interaction = Sse("{}", "data: one\n\ndata: two\n\n");
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(interaction), new ReplayOptions { Pacing = ReplayPacing.SpreadOverEvents, TimeProvider = clock }));
        using var response = await SendAsync(http, interaction);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var cancel = new CancellationTokenSource();

        var read = stream.ReadAsync(new byte[1024], cancel.Token).AsTask();
        await clock.WaitForTimersAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task Dispose_ResponseDisposedWhileAReadWaits_EndsTheReadAndLeavesNoTimer()
    {
        var clock = new ManualClock();
        var interaction = Sse("{}", "data: one\n\ndata: two\n\n");
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(interaction), new ReplayOptions { Pacing = ReplayPacing.SpreadOverEvents, TimeProvider = clock }));
        var response = await SendAsync(http, interaction);
        var stream = await response.Content.ReadAsStreamAsync(Ct);

        var read = stream.ReadAsync(new byte[1024], Ct).AsTask();
        await clock.WaitForTimersAsync();
        response.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
        Assert.Equal(0, clock.PendingTimers);
        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
    }

    [Fact]
    public void Read_SynchronousClient_ReturnsOneEventPerRead()
    {
        var interaction = Sse("{}", "data: one\r\n\r\ndata: two\r\n\r\n");
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var request = Request("{}");
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var stream = response.Content.ReadAsStream(Ct);
        byte[] buffer = new byte[1024];

        Assert.Equal("data: one\r\n\r\n", Encoding.UTF8.GetString(buffer, 0, stream.Read(buffer)));
        Assert.Equal("data: two\r\n\r\n", Encoding.UTF8.GetString(buffer, 0, stream.Read(buffer)));
        Assert.Equal(0, stream.Read(buffer));
    }

    public static TheoryData<string, string, string[]> NdjsonBodies() => new()
    {
        { "application/x-ndjson", "{\"a\":1}\n{\"b\":2}\n", ["{\"a\":1}\n", "{\"b\":2}\n"] },
        { "application/x-ndjson; charset=utf-8", "{\"a\":1}\r\n{\"b\":2}\r\n", ["{\"a\":1}\r\n", "{\"b\":2}\r\n"] },
        { "application/ndjson", "{\"a\":1}\n\n{\"b\":2}", ["{\"a\":1}\n", "\n", "{\"b\":2}"] },
        { "application/jsonl", "{\"a\":\"x\\ny\"}\n", ["{\"a\":\"x\\ny\"}\n"] },
    };

    [Theory]
    [MemberData(nameof(NdjsonBodies))]
    public void Read_NewlineDelimitedJson_ReturnsOneLinePerReadAndEveryByte(string contentType, string body, string[] expected)
    {
        var interaction = Ndjson("{}", body, contentType);
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var request = Request("{}");
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var stream = response.Content.ReadAsStream(Ct);

        Assert.Equal(expected, StreamReads.All(stream));
    }

    [Fact]
    public async Task ReadAsync_JsonNotDelimited_IsOneRead()
    {
        var interaction = Ndjson("{}", "{\"a\":1}\n{\"b\":2}\n", "application/json");
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var response = await SendAsync(http, interaction);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        byte[] buffer = new byte[1024];

        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", Encoding.UTF8.GetString(buffer, 0, await stream.ReadAsync(buffer, Ct)));
    }

    [Fact]
    public async Task SendAsync_BufferedByDefault_GivesTheWholeBody()
    {
        var interaction = Sse("{}", "data: one\n\ndata: two\n\nlast without a blank line");
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var request = Request("{}");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal("data: one\n\ndata: two\n\nlast without a blank line", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, Interaction interaction) => SendUntilAsync(http, interaction, Ct);

    private static async Task<HttpResponseMessage> SendUntilAsync(HttpClient http, Interaction interaction, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(interaction.Request.Method), interaction.Request.Url)
        {
            Content = new ByteArrayContent(interaction.Request.Body.ToArray()),
        };
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
