using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Recording;

public sealed class RecordingHandlerTests
{
    private const string ChatJson = """{"model":"fake-model","messages":[{"role":"user","content":"What's the weather in Florence?"}]}""";
    private const string StreamJson = """{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"What's the weather in Florence?"}],"tools":[{"type":"function","function":{"name":"get_weather"}}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Post(FakeUpstream upstream, string json, string path = "v1/chat/completions")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url(path))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    [Fact]
    public async Task SendAsync_JsonCompletion_RecordsRequestAndResponseAsGoVcrDoes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var clock = new ManualClock();
        upstream.BeforeResponse = _ =>
        {
            clock.Advance(GoDuration.Parse("1.5ms"));
            return Task.CompletedTask;
        };
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler(), new RecordingOptions { TimeProvider = clock }));
        using var request = Post(upstream, ChatJson);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("x-custom-thing", "a");

        using var response = await client.SendAsync(request, Token);
        string text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(FakeUpstream.Completion(FakeUpstream.AnswerText), text);
        var interaction = Assert.Single(cassette.Interactions);
        var recordedRequest = interaction.Request;
        Assert.Equal("HTTP/1.1", recordedRequest.Proto);
        Assert.Equal((1, 1), (recordedRequest.ProtoMajor, recordedRequest.ProtoMinor));
        Assert.Equal("POST", recordedRequest.Method);
        Assert.Equal("http://localhost/v1/chat/completions", recordedRequest.Url);
        Assert.Equal(ChatJson, Encoding.UTF8.GetString(recordedRequest.Body.Span));
        Assert.Equal(Encoding.UTF8.GetByteCount(ChatJson), recordedRequest.ContentLength);
        Assert.Equal("", recordedRequest.Host);
        Assert.Empty(recordedRequest.Form);
        Assert.Equal(["application/json"], recordedRequest.Headers["Accept"]);
        Assert.Equal(["application/json"], recordedRequest.Headers["Content-Type"]);
        Assert.Equal(["a"], recordedRequest.Headers["X-Custom-Thing"]);
        Assert.False(recordedRequest.Headers.ContainsKey("Content-Length"));

        var recordedResponse = interaction.Response;
        Assert.Equal(200, recordedResponse.Code);
        Assert.Equal("200 OK", recordedResponse.Status);
        Assert.Equal(text, Encoding.UTF8.GetString(recordedResponse.Body.Span));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), recordedResponse.ContentLength);
        Assert.Equal(["application/json"], recordedResponse.Headers["Content-Type"]);
        Assert.False(recordedResponse.Uncompressed);
        Assert.Equal(GoDuration.Parse("1.5ms"), recordedResponse.Duration);
    }

    [Fact]
    public async Task SendAsync_StreamContentBody_InnerHandlerGetsTheSameBytes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        byte[] body = Encoding.UTF8.GetBytes(ChatJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("echo"))
        {
            Content = new StreamContent(new OneWayStream(body)),
        };

        using var response = await client.SendAsync(request, Token);
        await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(body, Assert.Single(upstream.Received).Body);
        Assert.Equal(body, Assert.Single(cassette.Interactions).Request.Body.ToArray());
    }

    [Fact]
    public async Task SendAsync_UrlEncodedBodyAndQuery_RecordsFormBodyValuesFirstAsGoDoes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("form?alt=sse&q=b%20c&q=d"))
        {
            Content = new FormUrlEncodedContent([new("q", "from body"), new("x", "1+1")]),
        };

        using var response = await client.SendAsync(request, Token);

        var form = Assert.Single(cassette.Interactions).Request.Form;
        Assert.Equal(["sse"], form["alt"]);
        Assert.Equal(["from body", "b c", "d"], form["q"]);
        Assert.Equal(["1+1"], form["x"]);
    }

    [Fact]
    public async Task SendAsync_ExplicitHost_RecordsHostNotHeader()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        using var request = new HttpRequestMessage(HttpMethod.Get, upstream.Url("x"));
        request.Headers.Host = "api.example.test";

        using var response = await client.SendAsync(request, Token);

        var recorded = Assert.Single(cassette.Interactions).Request;
        Assert.Equal("api.example.test", recorded.Host);
        Assert.False(recorded.Headers.ContainsKey("Host"));
        Assert.Equal(0, recorded.ContentLength);
        Assert.Equal("GET", recorded.Method);
    }

    [Fact]
    public async Task SendAsync_Stream_ClientReadsFirstEventBeforeUpstreamSendsSecond()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var secondEventAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.BeforeEvent = i => i == 1 ? secondEventAllowed.Task : Task.CompletedTask;
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        using var request = Post(upstream, StreamJson);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        string? first = await reader.ReadLineAsync(Token);

        // The upstream is still held before its second event, and the client already has the first.
        Assert.False(secondEventAllowed.Task.IsCompleted);
        Assert.Equal("data: " + FakeUpstream.ToolCallEvents[0], first);
        Assert.Empty(cassette.Interactions);

        secondEventAllowed.SetResult();
        string rest = await reader.ReadToEndAsync(Token);

        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.ToolCallEvents), first + "\n" + rest);
        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.ToolCallEvents), Encoding.UTF8.GetString(recorded.Body.Span));
        Assert.Equal(-1, recorded.ContentLength);
        Assert.Equal(["text/event-stream"], recorded.Headers["Content-Type"]);
    }

    [Fact]
    public async Task SendAsync_ClientDisposesStreamEarly_RecorderReadsTheRestAndRecordsItWhole()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var lastEventAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.BeforeEvent = i => i == FakeUpstream.ToolCallEvents.Count ? lastEventAllowed.Task : Task.CompletedTask;
        var warnings = new List<string>();
        var cassette = new CassetteFile();
        var handler = new RecordingHandler(cassette, upstream.CreateHandler(), new RecordingOptions { OnWarning = warnings.Add });
        using var client = new HttpClient(handler);
        using var request = Post(upstream, StreamJson);

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("data: " + FakeUpstream.ToolCallEvents[0], await reader.ReadLineAsync(Token));
        reader.Dispose();
        response.Dispose();

        Assert.Empty(cassette.Interactions);
        lastEventAllowed.SetResult();
        await handler.FlushAsync(Token);

        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.ToolCallEvents), Encoding.UTF8.GetString(recorded.Body.Span));
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task SendAsync_DisposedWhileAReadWaits_RecorderReadsTheRestAfterThatReadAndRecordsItWhole()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var secondEventAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.BeforeEvent = i => i == 1 ? secondEventAllowed.Task : Task.CompletedTask;
        var warnings = new List<string>();
        var cassette = new CassetteFile();
        var handler = new RecordingHandler(cassette, upstream.CreateHandler(), new RecordingOptions { OnWarning = warnings.Add });
        using var client = new HttpClient(handler);
        using var request = Post(upstream, StreamJson);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        var stream = await response.Content.ReadAsStreamAsync(Token);
        var buffer = new byte[64 * 1024];
        Assert.True(await stream.ReadAsync(buffer, Token) > 0);

        // The client's read waits for the second event while the response is disposed under it.
        var waiting = stream.ReadAsync(buffer, Token).AsTask();
        response.Dispose();
        var flushed = handler.FlushAsync(Token);
        Assert.False(waiting.IsCompleted);
        Assert.False(flushed.IsCompleted);
        secondEventAllowed.SetResult();
        int read = await waiting;
        await flushed;

        Assert.True(read > 0);
        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.ToolCallEvents), Encoding.UTF8.GetString(recorded.Body.Span));
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task SendAsync_RequestAndResponseHeadersChangedAfterTheResponse_RecordedAsTheyWereSentAndReceived()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        using var request = Post(upstream, StreamJson);
        request.Headers.TryAddWithoutValidation("X-Trace", "sent");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        request.Headers.Remove("X-Trace");
        request.Headers.TryAddWithoutValidation("X-Trace", "changed later");
        request.Headers.TryAddWithoutValidation("X-Added-Later", "yes");
        response.Headers.TryAddWithoutValidation("X-Added-Later", "yes");
        response.StatusCode = HttpStatusCode.Accepted;
        await response.Content.ReadAsStringAsync(Token);

        var recorded = Assert.Single(cassette.Interactions);
        Assert.Equal(["sent"], recorded.Request.Headers["X-Trace"]);
        Assert.False(recorded.Request.Headers.ContainsKey("X-Added-Later"));
        Assert.False(recorded.Response.Headers.ContainsKey("X-Added-Later"));
        Assert.Equal(200, recorded.Response.Code);
    }

    [Fact]
    public async Task SendAsync_ResponseNeverRead_FlushRecordsItWhole()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var cassette = new CassetteFile();
        var handler = new RecordingHandler(cassette, upstream.CreateHandler());
        using var client = new HttpClient(handler);
        using var request = Post(upstream, StreamJson);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        await handler.FlushAsync(Token);

        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.ToolCallEvents), Encoding.UTF8.GetString(Assert.Single(cassette.Interactions).Response.Body.Span));
    }

    [Fact]
    public async Task SendAsync_UpstreamFailsMidStream_DropsTheInteractionWithAWarningAndKeepsEarlierOnes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var warnings = new List<string>();
        var cassette = new CassetteFile();
        var handler = new RecordingHandler(cassette, upstream.CreateHandler(), new RecordingOptions { OnWarning = warnings.Add });
        using var client = new HttpClient(handler);
        using (var first = Post(upstream, StreamJson))
        using (var complete = await client.SendAsync(first, Token))
        {
            Assert.Single(cassette.Interactions);
        }

        upstream.AbortAfterEvents = 2;
        using var second = Post(upstream, StreamJson);
        using var response = await client.SendAsync(second, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));

        await Assert.ThrowsAnyAsync<IOException>(() => reader.ReadToEndAsync(Token));
        await handler.FlushAsync(Token);

        var kept = Assert.Single(cassette.Interactions);
        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.ToolCallEvents), Encoding.UTF8.GetString(kept.Response.Body.Span));
        string warning = Assert.Single(warnings);
        Assert.Contains("POST http://localhost/v1/chat/completions", warning, StringComparison.Ordinal);
        Assert.Contains("was not recorded", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReadCancelledMidStream_DropsTheInteractionWithAWarning()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var never = new TaskCompletionSource();
        upstream.BeforeEvent = i => i == 1 ? never.Task : Task.CompletedTask;
        var warnings = new List<string>();
        var cassette = new CassetteFile();
        var handler = new RecordingHandler(cassette, upstream.CreateHandler(), new RecordingOptions { OnWarning = warnings.Add });
        using var client = new HttpClient(handler);
        using var request = Post(upstream, StreamJson);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        var stream = await response.Content.ReadAsStreamAsync(Token);
        var buffer = new byte[64 * 1024];
        int firstRead = await stream.ReadAsync(buffer, Token);
        using var cancel = new CancellationTokenSource();

        var pending = stream.ReadAsync(buffer, cancel.Token).AsTask();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await handler.FlushAsync(Token);
        Assert.True(firstRead > 0);
        Assert.Empty(cassette.Interactions);
        Assert.Contains("cancelled", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_DisposedStreamNeverEnds_DropsItAfterTheDrainTimeout()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var never = new TaskCompletionSource();
        upstream.BeforeEvent = i => i == 1 ? never.Task : Task.CompletedTask;
        var clock = new ManualClock();
        var warnings = new List<string>();
        var cassette = new CassetteFile();
        var handler = new RecordingHandler(cassette, upstream.CreateHandler(),
            new RecordingOptions { OnWarning = warnings.Add, TimeProvider = clock, DrainTimeout = TimeSpan.FromSeconds(5) });
        using var client = new HttpClient(handler);
        using var request = Post(upstream, StreamJson);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);

        response.Dispose();
        var flushed = handler.FlushAsync(Token);
        Assert.Equal(1, clock.PendingTimers);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(flushed.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await flushed;

        Assert.Empty(cassette.Interactions);
        Assert.Contains("drain timeout", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ConcurrentRequests_RecordedInTheOrderTheyWereSent()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var firstMayAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.BeforeResponse = r => r.Target == "/first" ? firstMayAnswer.Task : Task.CompletedTask;
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler())) { BaseAddress = upstream.BaseAddress };

        var first = client.GetStringAsync("first", Token);
        var second = client.GetStringAsync("second", Token);
        var third = client.GetStringAsync("third", Token);
        await Task.WhenAll(second, third);

        // The later requests are complete, but wait in line behind the first.
        Assert.Empty(cassette.Interactions);
        firstMayAnswer.SetResult();
        await first;

        Assert.Equal(
            ["http://localhost/first", "http://localhost/second", "http://localhost/third"],
            cassette.Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task SendAsync_64ParallelRequestsAnsweredInReverse_AllSavedOnceInSendingOrder()
    {
        const int Count = 64;
        await using var upstream = await FakeUpstream.StartAsync();
        var gates = Enumerable.Range(0, Count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        upstream.BeforeResponse = r => gates[int.Parse(r.Target.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture)].Task;
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler())) { BaseAddress = upstream.BaseAddress };

        var requests = Enumerable.Range(0, Count).Select(i => client.GetStringAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Token)).ToList();
        for (int i = Count - 1; i >= 0; i--)
        {
            gates[i].SetResult();
        }

        await Task.WhenAll(requests);
        using var temp = new TempDirectory();
        cassette.Save(temp.PathOf("parallel.yaml"));
        var saved = CassetteFile.Load(temp.PathOf("parallel.yaml"));

        Assert.Equal(
            Enumerable.Range(0, Count).Select(i => $"http://localhost/{i}"),
            saved.Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task SendAsync_InteractionsReadWhileManyAreRecorded_EverySnapshotIsAPrefixOfTheEnd()
    {
        const int Count = 64;
        await using var upstream = await FakeUpstream.StartAsync();
        var gates = Enumerable.Range(0, Count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        upstream.BeforeResponse = r => gates[int.Parse(r.Target.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture)].Task;
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler())) { BaseAddress = upstream.BaseAddress };
        using var stop = new CancellationTokenSource();
        var snapshots = new List<Interaction[]>();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Enumerating a list that another thread adds to would throw; a snapshot never changes.
                snapshots.Add([.. cassette.Interactions]);
            }
        }, Token);

        var requests = new List<Task<string>>();
        var seenWhileRecording = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            requests.Add(client.GetStringAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Token));
        }

        for (int i = 0; i < Count; i++)
        {
            gates[i].SetResult();
            await requests[i];
            seenWhileRecording.Add(cassette.Interactions.Count);
        }

        await stop.CancelAsync();
        await reader;

        var end = cassette.Interactions;
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"http://localhost/{i}"), end.Select(i => i.Request.Url));
        Assert.Equal(Enumerable.Range(1, Count), seenWhileRecording);
        Assert.All(snapshots, snapshot => Assert.Equal(end.Take(snapshot.Length), snapshot));
    }

    [Fact]
    public async Task SendAsync_InnerHandlerThrows_LaterRequestsAreStillRecorded()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.BeforeResponse = r => r.Target == "/fails" ? throw new InvalidOperationException("upstream broke") : Task.CompletedTask;
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler())) { BaseAddress = upstream.BaseAddress };

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetStringAsync("fails", Token));
        await client.GetStringAsync("works", Token);

        Assert.Equal("http://localhost/works", Assert.Single(cassette.Interactions).Request.Url);
    }

    [Fact]
    public async Task Send_Synchronous_RecordsThroughKestrel()
    {
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        using var request = Post(upstream, StreamJson);

        using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new StreamReader(response.Content.ReadAsStream(Token));
        string body = reader.ReadToEnd();

        Assert.Equal(FakeUpstream.SseBody(FakeUpstream.ToolCallEvents), body);
        var interaction = Assert.Single(cassette.Interactions);
        Assert.Equal(Encoding.UTF8.GetBytes(StreamJson), interaction.Request.Body.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(StreamJson), Assert.Single(upstream.Received).Body);
        Assert.Equal(body, Encoding.UTF8.GetString(interaction.Response.Body.Span));
        // Kestrel streams HTTP/1.1 with chunked transfer: Go records it apart from the headers.
        Assert.Equal(["chunked"], interaction.Response.TransferEncoding);
        Assert.Equal(-1, interaction.Response.ContentLength);
        Assert.False(interaction.Response.Headers.ContainsKey("Transfer-Encoding"));
    }

    [Fact]
    public async Task Send_SynchronousWithStreamContent_InnerHandlerGetsTheSameBytes()
    {
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        byte[] body = Encoding.UTF8.GetBytes(ChatJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("echo")) { Content = new StreamContent(new OneWayStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = client.Send(request, Token);

        Assert.Equal(body, Assert.Single(upstream.Received).Body);
        Assert.Equal("application/json", Assert.Single(upstream.Received).Headers["Content-Type"]);
        Assert.Equal(body, Assert.Single(cassette.Interactions).Request.Body.ToArray());
    }

    [Fact]
    public async Task SendAsync_GzipDecompressedByTheInnerHandler_RecordsUncompressedAsGoDoes()
    {
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        upstream.Gzip = true;
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler(decompress: true)));
        using var request = Post(upstream, ChatJson);

        using var response = await client.SendAsync(request, Token);
        string text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(FakeUpstream.Completion(FakeUpstream.AnswerText), text);
        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.True(recorded.Uncompressed);
        Assert.Equal(-1, recorded.ContentLength);
        Assert.Equal(text, Encoding.UTF8.GetString(recorded.Body.Span));
        Assert.False(recorded.Headers.ContainsKey("Content-Encoding"));
        Assert.False(recorded.Headers.ContainsKey("Content-Length"));
    }

    [Fact]
    public async Task SendAsync_GzipNotDecompressed_RecordsTheCompressedBytesAndHeaders()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Gzip = true;
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));
        using var request = Post(upstream, ChatJson);

        using var response = await client.SendAsync(request, Token);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync(Token);

        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.False(recorded.Uncompressed);
        Assert.Equal(bytes, recorded.Body.ToArray());
        Assert.Equal(bytes.Length, recorded.ContentLength);
        Assert.Equal(["gzip"], recorded.Headers["Content-Encoding"]);
        Assert.Equal(0x1f, bytes[0]);
    }

    [Fact]
    public async Task SendAsync_StatusAndProtocol_RecordedFromTheResponse()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["Retry-After"] = "7";
            return Task.CompletedTask;
        };
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, new VersionHandler(new Version(2, 0), upstream.CreateHandler())));

        using var response = await client.GetAsync(upstream.Url("limited"), Token);

        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(429, recorded.Code);
        Assert.Equal("429 Too Many Requests", recorded.Status);
        Assert.Equal("HTTP/2.0", recorded.Proto);
        Assert.Equal((2, 0), (recorded.ProtoMajor, recorded.ProtoMinor));
        Assert.Equal(["7"], recorded.Headers["Retry-After"]);
    }

    [Fact]
    public async Task SendAsync_PlainAndDecompressedResponsesInTurn_EachRecordedAsItArrived()
    {
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler(decompress: true)));

        foreach (bool gzip in new[] { false, true, false, true })
        {
            upstream.Gzip = gzip;
            using var request = Post(upstream, ChatJson);
            using var response = await client.SendAsync(request, Token);
            _ = await response.Content.ReadAsStringAsync(Token);
        }

        Assert.Equal([false, true, false, true], cassette.Interactions.Select(i => i.Response.Uncompressed));
        Assert.All(cassette.Interactions, i => Assert.Equal(FakeUpstream.Completion(FakeUpstream.AnswerText), Encoding.UTF8.GetString(i.Response.Body.Span)));
    }

    [Fact]
    public async Task SendAsync_StreamsOfDifferentSizesOneAfterAnother_EachKeepsItsOwnBody()
    {
        // Sizes around the recorder's buffers: the first buffer, a kept buffer, one too large
        // to keep, and a body large enough to be kept in its own buffer.
        int[] sizes = [300, 40_000, 200_000, 2_000_000, 500, 70_000, 17];
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        upstream.Handler = async context =>
        {
            int index = int.Parse(context.Request.Path.Value!.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/event-stream";
            byte[] body = StreamBody(index, sizes[index]);
            for (int offset = 0; offset < body.Length; offset += 4096)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(4096, body.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        };
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler()));

        for (int i = 0; i < sizes.Length; i++)
        {
            using var response = await client.GetAsync(upstream.Url(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), HttpCompletionOption.ResponseHeadersRead, Token);
            await using var stream = await response.Content.ReadAsStreamAsync(Token);
            await stream.CopyToAsync(Stream.Null, Token);
        }

        Assert.Equal(sizes.Length, cassette.Interactions.Count);
        for (int i = 0; i < sizes.Length; i++)
        {
            Assert.True(StreamBody(i, sizes[i]).AsSpan().SequenceEqual(cassette.Interactions[i].Response.Body.Span), $"body {i} ({sizes[i]} bytes) changed");
        }
    }

    [Fact]
    public async Task SendAsync_TransferCodingsBesideChunked_RecordedApartFromTheHeadersInLowerCase()
    {
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, new FixedResponseHandler(response =>
        {
            response.Headers.TryAddWithoutValidation("Transfer-Encoding", "Gzip, Chunked");
            response.Headers.TryAddWithoutValidation("X-Kept", "yes");
        })));

        using var response = await client.GetAsync("http://upstream.test/coded", Token);
        _ = await response.Content.ReadAsStringAsync(Token);

        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.Equal(["gzip", "chunked"], recorded.TransferEncoding);
        Assert.Equal(-1, recorded.ContentLength);
        Assert.False(recorded.Headers.ContainsKey("Transfer-Encoding"));
        Assert.Equal(["yes"], recorded.Headers["X-Kept"]);
    }

    // An SSE body of about `size` bytes that differs for every index.
    private static byte[] StreamBody(int index, int size)
    {
        var text = new StringBuilder();
        for (int n = 0; text.Length < size; n++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"data: {{\"stream\":{index},\"n\":{n}}}\n\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString(0, size));
    }

    [Fact]
    public void Ctor_NullCassette_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new RecordingHandler((CassetteFile)null!));
    }

    private sealed class FixedResponseHandler(Action<HttpResponseMessage> configure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent("coded") };
            configure(response);
            return Task.FromResult(response);
        }
    }
}
