using System.Net;
using System.Text;
using Cassette.Tests.Support;
using static Cassette.Tests.Support.TestInteractions;

namespace Cassette.Tests.Replay;

public sealed class ReplayingHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_RecordedResponse_CarriesStatusReasonVersionHeadersAndRequest()
    {
        var interaction = Post("{}", """{"error":"slow down"}""") with
        {
            Response = Post("{}", """{"error":"slow down"}""").Response with
            {
                Status = "429 Too Many Requests",
                Code = 429,
                Headers = Headers(
                    ("Content-Type", "application/json"),
                    ("Content-Language", "en"),
                    ("Retry-After", "7"),
                    ("X-Ratelimit-Remaining-Requests", "0"),
                    ("Set-Cookie", "a=1"),
                    ("Set-Cookie", "b=2")),
            },
        };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));
        using var request = Request("{}");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("Too Many Requests", response.ReasonPhrase);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Same(request, response.RequestMessage);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal(["0"], response.Headers.GetValues("X-Ratelimit-Remaining-Requests"));
        Assert.Equal(["a=1", "b=2"], response.Headers.GetValues("Set-Cookie"));
        Assert.False(response.Headers.NonValidated.Contains("Content-Type"));
        Assert.Equal("""{"error":"slow down"}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TryPlayAsync_NoMatch_CompletesWithNullAndLeavesTheCassetteUnplayed()
    {
        using var replayer = new ReplayingHandler(NewCassette(Post("""{"a":1}""", "one")));
        using var request = Request("""{"a":2}""");

        var response = await replayer.TryPlayAsync(request, Ct);

        Assert.Null(response);
        Assert.Single(replayer.UnplayedInteractions);
    }

    [Fact]
    public async Task TryPlayAsync_Match_ReplaysAsSendAsyncDoes()
    {
        using var replayer = new ReplayingHandler(NewCassette(Post("""{"a":1}""", "one")));
        using var request = Request("""{"a":1}""");

        using var response = await replayer.TryPlayAsync(request, Ct);

        Assert.NotNull(response);
        Assert.Equal("one", await response.Content.ReadAsStringAsync(Ct));
        Assert.Same(request, response.RequestMessage);
        Assert.Empty(replayer.UnplayedInteractions);
    }

    [Fact]
    public async Task TryPlay_StreamedBodyWithoutMatch_NullAndTheBodyCanStillBeSent()
    {
        using var replayer = new ReplayingHandler(NewCassette(Post("""{"a":1}""", "one")));
        using var asyncRequest = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StreamContent(new MemoryStream("""{"a":2}"""u8.ToArray())) };
        using var syncRequest = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StreamContent(new MemoryStream("""{"a":3}"""u8.ToArray())) };

        Assert.Null(await replayer.TryPlayAsync(asyncRequest, Ct));
        Assert.Null(replayer.TryPlay(syncRequest, Ct));

        // New-episodes mode sends a request nothing matched to the network: its body is still there.
        Assert.Equal("""{"a":2}""", await asyncRequest.Content.ReadAsStringAsync(Ct));
        Assert.Single(replayer.UnplayedInteractions);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(11, 11L)]
    public async Task SendAsync_RecordedContentLength_SetsContentLengthOnlyWhenKnown(long recordedLength, long? expected)
    {
        var interaction = Post("{}", "hello world");
        interaction = interaction with { Response = interaction.Response with { ContentLength = recordedLength } };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));

        using var response = await http.SendAsync(Request("{}"), HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(expected, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task SendAsync_UncompressedBody_ServedDecodedWithoutContentEncoding()
    {
        var interaction = Post("{}", """{"ok":true}""");
        interaction = interaction with
        {
            Response = interaction.Response with
            {
                Uncompressed = true,
                Headers = Headers(("Content-Type", "application/json"), ("Content-Encoding", "gzip")),
            },
        };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));

        using var response = await http.SendAsync(Request("{}"), Ct);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_BinaryBody_RoundTripsByteForByte()
    {
        byte[] bytes = [.. Enumerable.Range(0, 256).Select(i => (byte)i), 0xFF, 0xFE, 0x00];
        var interaction = Post("{}", "");
        interaction = interaction with
        {
            Response = interaction.Response with
            {
                Body = bytes,
                Headers = Headers(("Content-Type", "application/vnd.amazon.eventstream")),
            },
        };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));

        using var response = await http.SendAsync(Request("{}"), Ct);

        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_SameRequestTwice_PlaysMatchingInteractionsInFileOrder()
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(
            Post("""{"q":1}""", "first"),
            Post("""{"q":2}""", "other"),
            Post("""{"q":1}""", "second"))));

        Assert.Equal("first", await PostAsync(http, """{"q":1}"""));
        Assert.Equal("second", await PostAsync(http, """{"q":1}"""));
        Assert.Equal("other", await PostAsync(http, """{"q":2}"""));
    }

    [Fact]
    public async Task SendAsync_InteractionAlreadyPlayed_ThrowsNamingAllowRepeats()
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"q":1}""", "only"))));
        await PostAsync(http, """{"q":1}""");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(http, """{"q":1}"""));

        Assert.Contains("matches interaction 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("already played", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReplayOptions.AllowRepeats = true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AllowRepeats_PlaysUnplayedMatchesFirstThenRepeatsTheFirstMatch()
    {
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(Post("""{"q":1}""", "first"), Post("""{"q":1}""", "second")),
            new ReplayOptions { AllowRepeats = true }));

        Assert.Equal("first", await PostAsync(http, """{"q":1}"""));
        Assert.Equal("second", await PostAsync(http, """{"q":1}"""));
        Assert.Equal("first", await PostAsync(http, """{"q":1}"""));
        Assert.Equal("first", await PostAsync(http, """{"q":1}"""));
    }

    [Theory]
    [InlineData("""{"b":[1,2.50,{"y":null,"x":true}],"a":"é"}""")]
    [InlineData("""  {  "a" : "\u00e9" , "b" : [ 1.0 , 25e-1 , { "x" : true , "y" : null } ] }  """)]
    public async Task SendAsync_SameJsonValueDifferentText_Matches(string sent)
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"a":"é","b":[1,2.5,{"x":true,"y":null}]}""", "ok"))));

        Assert.Equal("ok", await PostAsync(http, sent));
    }

    [Theory]
    [InlineData("""{"a":"é","b":[2.5,1,{"x":true,"y":null}]}""")]
    [InlineData("""{"a":"é","b":[1,2.5,{"x":true,"y":null}],"c":0}""")]
    [InlineData("""{"a":"e","b":[1,2.5,{"x":true,"y":null}]}""")]
    [InlineData("""{"a":"é","b":[1,2.51,{"x":true,"y":null}]}""")]
    public async Task SendAsync_DifferentJsonValue_Throws(string sent)
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"a":"é","b":[1,2.5,{"x":true,"y":null}]}""", "ok"))));

        await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(http, sent));
    }

    [Fact]
    public async Task SendAsync_TextBodyWithCrlf_MatchesRecordedLf()
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("line one\nline two\n", "ok"))));

        Assert.Equal("ok", await PostAsync(http, "line one\r\nline two\r\n"));
    }

    [Fact]
    public async Task SendAsync_HeadersDiffer_MatchesByDefault()
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("{}", "ok"))));
        using var request = Request("{}");
        request.Headers.TryAddWithoutValidation("User-Agent", "OpenAI/2.15.0");
        request.Headers.Authorization = new("Bearer", "sk-secret");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_MatchedHeaderDiffers_ThrowsWithHeaderValues()
    {
        var interaction = Post("{}", "ok");
        interaction = interaction with
        {
            Request = interaction.Request with { Headers = Headers(("Content-Type", "application/json"), ("Anthropic-Version", "2023-06-01")) },
        };
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body(), RequestMatchers.Header("anthropic-version")] };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));
        using var wrong = Request("{}");
        wrong.Headers.Add("anthropic-version", "2024-01-01");
        using var right = Request("{}");
        right.Headers.Add("anthropic-version", "2023-06-01");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(wrong, Ct));
        using var response = await http.SendAsync(right, Ct);

        Assert.Contains("header \"anthropic-version\" FAILED (recorded \"2023-06-01\", request \"2024-01-01\")", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_BodyMatcherWithIgnoredJsonPaths_LeavesThoseValuesOutOfTheComparison()
    {
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body("$.stream_options", "$..obfuscation")] };
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(Post("""{"model":"m","stream_options":{"include_usage":true},"messages":[{"obfuscation":"abc","content":"hi"}]}""", "ok")),
            options));

        Assert.Equal("ok", await PostAsync(http, """{"messages":[{"content":"hi","obfuscation":"xyz"}],"model":"m"}"""));
    }

    [Fact]
    public async Task SendAsync_UrlMatcherWithIgnoredQueryParameter_MatchesAnyValueAndOrder()
    {
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url("key"), RequestMatchers.Body()] };
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(Post("{}", "ok", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=RECORDED")),
            options));

        Assert.Equal("ok", await PostAsync(http, "{}", "https://GENERATIVELANGUAGE.googleapis.com:443/v1beta/models/gemini-2.5-flash%3AstreamGenerateContent?key=live&alt=sse"));
    }

    [Fact]
    public async Task SendAsync_QueryParameterDiffers_Throws()
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("{}", "ok", "https://api.example.test/v1/items?page=1"))));

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(http, "{}", "https://api.example.test/v1/items?page=2"));

        Assert.Contains("URL FAILED (recorded \"https://api.example.test/v1/items?page=1\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CustomMatcher_MustAlsoPassAndDescribesItself()
    {
        var options = new ReplayOptions();
        options.Matchers.Add(new TenantMatcher());
        var cassette = NewCassette(
            Post("{}", "tenant a") with { Request = Post("{}", "").Request with { Headers = Headers(("X-Tenant", "a")) } },
            Post("{}", "tenant b") with { Request = Post("{}", "").Request with { Headers = Headers(("X-Tenant", "b")) } });
        using var http = new HttpClient(new ReplayingHandler(cassette, options));
        using var forB = Request("{}");
        forB.Headers.Add("X-Tenant", "b");
        using var forC = Request("{}");
        forC.Headers.Add("X-Tenant", "c");

        using var response = await http.SendAsync(forB, Ct);
        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(forC, Ct));

        Assert.Equal("tenant b", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("same X-Tenant FAILED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentIdenticalRequests_PlaysEachInteractionOnce()
    {
        const int Count = 64;
        var cassette = NewCassette([.. Enumerable.Range(0, Count).Select(i => Post("""{"q":1}""", $"response {i}"))]);
        var handler = new ReplayingHandler(cassette);
        using var http = new HttpClient(handler);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, Count).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await PostAsync(http, """{"q":1}""");
        })).ToList();
        start.SetResult();
        string[] bodies = await Task.WhenAll(requests);

        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"response {i}").Order(), bodies.Order());
        handler.VerifyAllPlayed();
    }

    [Fact]
    public async Task SendAsync_64ParallelDistinctRequests_EachGetsItsOwnResponseEveryTime()
    {
        const int Count = 64;
        for (int round = 0; round < 5; round++)
        {
            var cassette = NewCassette([.. Enumerable.Range(0, Count).Select(i => Post($$"""{"q":{{i}}}""", $"response {i}"))]);
            var handler = new ReplayingHandler(cassette);
            using var http = new HttpClient(handler);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var requests = Enumerable.Range(0, Count).Reverse().Select(i => Task.Run(async () =>
            {
                await start.Task;
                return (i, await PostAsync(http, $$"""{ "q" : {{i}} }"""));
            })).ToList();
            start.SetResult();
            var answers = await Task.WhenAll(requests);

            Assert.All(answers, a => Assert.Equal($"response {a.i}", a.Item2));
            handler.VerifyAllPlayed();
        }
    }

    [Fact]
    public void Send_Synchronous_ServesTheRecordedResponse()
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"q":1}""", "sync ok"))));
        using var request = Request("""{"q":1}""");

        using var response = http.Send(request, Ct);
        using var reader = new StreamReader(response.Content.ReadAsStream(Ct));

        Assert.Equal("sync ok", reader.ReadToEnd());
    }

    [Fact]
    public async Task Ctor_OptionsChangedAfterwards_HandlerKeepsItsCopy()
    {
        var options = new ReplayOptions();
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"a":1,"id":"x"}""", "ok")), options));
        options.Matchers[2] = RequestMatchers.Body("$.id");
        options.AllowRepeats = true;

        await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(http, """{"a":1,"id":"y"}"""));
        Assert.Equal("ok", await PostAsync(http, """{"a":1,"id":"x"}"""));
        await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(http, """{"a":1,"id":"x"}"""));
    }

    [Theory]
    [InlineData("stream_options")]
    [InlineData("$.a[x]")]
    [InlineData("$.")]
    public void BodyMatcher_UnsupportedJsonPath_ThrowsSayingHowToWriteOne(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => RequestMatchers.Body(path));

        Assert.Contains($"\"{path}\" is not a JSON path", error.Message, StringComparison.Ordinal);
        Assert.Contains("$..obfuscation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NegativePacingScale_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReplayingHandler(NewCassette(), new ReplayOptions { PacingScale = -1 }));

        Assert.Contains("PacingScale", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAllPlayed_SomeInteractionsNotPlayed_ThrowsListingThem()
    {
        var path = Fixtures.Seed("tool_streaming_kimi-k2_chutes.yaml");
        var cassette = CassetteFile.Load(path);
        var handler = new ReplayingHandler(cassette);
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, cassette.Interactions[0].Request.Url)
        {
            Content = new ByteArrayContent(cassette.Interactions[0].Request.Body.ToArray()),
        };
        (await http.SendAsync(request, Ct)).Dispose();

        var unplayed = handler.UnplayedInteractions;
        var error = Assert.Throws<CassetteUnplayedException>(handler.VerifyAllPlayed);

        Assert.Same(cassette.Interactions[1], Assert.Single(unplayed));
        Assert.Equal([1], error.UnplayedIds);
        Assert.Equal(path, error.CassettePath);
        Assert.Contains($"1 of the 2 interactions in cassette \"{path}\" was never played", error.Message, StringComparison.Ordinal);
        Assert.Contains("interaction 1: POST https://openrouter.ai/api/v1/chat/completions", error.Message, StringComparison.Ordinal);
        Assert.Contains("CASSETTE_MODE=record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_PacingBeforeResponse_WaitsScaledRecordedDuration()
    {
        var clock = new ManualClock();
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(Post("{}", "ok")),
            new ReplayOptions { Pacing = ReplayPacing.BeforeResponse, PacingScale = 0.5, TimeProvider = clock }));

        var send = http.SendAsync(Request("{}"), Ct);
        await clock.WaitForTimersAsync();

        Assert.False(send.IsCompleted);
        Assert.Equal([TimeSpan.FromSeconds(0.75)], clock.PendingDelays);
        clock.Advance(TimeSpan.FromSeconds(0.75));
        using var response = await send;
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_CancelledDuringPacing_ThrowsAndLeavesNoTimer()
    {
        var clock = new ManualClock();
        using var http = new HttpClient(new ReplayingHandler(
            NewCassette(Post("{}", "ok")), new ReplayOptions { Pacing = ReplayPacing.BeforeResponse, TimeProvider = clock }));
        using var cancel = new CancellationTokenSource();

        var send = http.SendAsync(Request("{}"), cancel.Token);
        await clock.WaitForTimersAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Theory]
    [InlineData("string")]
    [InlineData("bytes")]
    [InlineData("memory")]
    [InlineData("stream")]
    [InlineData("custom")]
    public async Task SendAsync_ContentOfAnyKind_MatchesAndStaysReadable(string kind)
    {
        const string Body = """{"b":1,"a":"x"}""";
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"a":"x","b":1}""", "ok"))));
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = Content(kind, Body) };

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(Body, await request.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("string")]
    [InlineData("bytes")]
    [InlineData("memory")]
    [InlineData("stream")]
    public void Send_ContentOfAnyKind_MatchesAndStaysReadable(string kind)
    {
        const string Body = """{"b":1,"a":"x"}""";
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"a":"x","b":1}""", "ok"))));
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = Content(kind, Body) };

        using var response = http.Send(request, Ct);

        using var reader = new StreamReader(response.Content.ReadAsStream(Ct));
        Assert.Equal("ok", reader.ReadToEnd());
        using var sentReader = new StreamReader(request.Content.ReadAsStream(Ct));
        Assert.Equal(Body, sentReader.ReadToEnd());
    }

    [Fact]
    public async Task SendAsync_Mismatch_ReportsTheWholeRequestWithItsOwnCopyOfTheBody()
    {
        byte[] sent = Encoding.UTF8.GetBytes("""{"q":2}""");
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("""{"q":1}""", "ok"))));
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(sent) };
        request.Headers.TryAddWithoutValidation("X-Tenant", "t1");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(request, Ct));
        sent[0] = (byte)'[';

        Assert.Equal("""{"q":2}""", Encoding.UTF8.GetString(error.Request.Body.Span));
        Assert.Equal(["t1"], error.Request.Headers["X-Tenant"]);
        Assert.Equal(Url, error.Request.Url);
    }

    private static HttpContent Content(string kind, string body) => kind switch
    {
        "string" => new StringContent(body),
        "bytes" => new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        "memory" => new ReadOnlyMemoryContent(Encoding.UTF8.GetBytes(body)),
        "stream" => new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        _ => new AsyncOnlyContent(Encoding.UTF8.GetBytes(body)),
    };

    private static async Task<string> PostAsync(HttpClient http, string body, string url = Url)
    {
        using var request = Request(body, url);
        using var response = await http.SendAsync(request, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>A content that serializes only asynchronously, as the OpenAI SDK's does.</summary>
    private sealed class AsyncOnlyContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body, 0, body.Length);

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }

    private sealed class TenantMatcher : IRequestMatcher
    {
        public bool Matches(RecordedRequest request, RecordedRequest recorded) =>
            request.Headers.TryGetValue("X-Tenant", out var live) && recorded.Headers.TryGetValue("X-Tenant", out var old)
            && live.SequenceEqual(old);

        public override string ToString() => "same X-Tenant";
    }
}
