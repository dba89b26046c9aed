using System.IO.Pipelines;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Cassette.Cli.Serving;
using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

public sealed class CassetteServerTests
{
    [Fact]
    public async Task Server_StreamedResponse_ReachesTheClientEventByEventOverARealSocket()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(pipe.Reader.AsStream()) { Headers = { { "Content-Type", "text/event-stream" } } },
        });
        await using var server = await CassetteServer.StartAsync(handler, new Uri("https://api.example.com"), 0, TextWriter.Null, cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.GetAsync("/v1/stream?x=1", HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[256];

        // Each event is released only after the previous one arrived at the client: the gate is the read itself.
        foreach (string sse in new[] { "data: one\n\n", "data: two\n\n" })
        {
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(sse), ct);
            int read = await body.ReadAsync(buffer, ct);
            Assert.Equal(sse, Encoding.UTF8.GetString(buffer, 0, read));
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(0, await body.ReadAsync(buffer, ct));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://api.example.com/v1/stream?x=1", handler.Requests.Single());
        Assert.Equal("127.0.0.1", server.Address.Host);
    }

    [Fact]
    public async Task Server_RequestBodyAndHeaders_ArePassedToTheHandler()
    {
        var ct = TestContext.Current.CancellationToken;
        string? seen = null;
        var handler = new StubHandler(request =>
        {
            seen = $"{request.Method} {request.Content!.Headers.ContentType} {request.Headers.GetValues("X-Test").Single()} {request.Content.ReadAsStringAsync().Result}";
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("ok") };
        });
        await using var server = await CassetteServer.StartAsync(handler, new Uri("http://upstream.test"), 0, TextWriter.Null, cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat") { Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Test", "yes");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("POST application/json; charset=utf-8 yes {\"a\":1}", seen);
    }

    [Fact]
    public async Task Server_BoundAddresses_AreLoopbackOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await CassetteServer.StartAsync(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)), new Uri("http://upstream.test"), 0, TextWriter.Null, cancellationToken: ct);

        var bound = Assert.Single(server.BoundAddresses);
        Assert.Equal(IPAddress.Loopback, IPAddress.Parse(bound.Host));
        Assert.Equal(server.Address, bound);
    }

    [Fact]
    public async Task Server_NonLoopbackAddressesOfThisMachine_RefuseConnections()
    {
        var ct = TestContext.Current.CancellationToken;
        var others = NonLoopbackAddresses();
        Assert.SkipWhen(others.Count == 0, "This machine has no non-loopback address to try.");
        await using var server = await CassetteServer.StartAsync(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)), new Uri("http://upstream.test"), 0, TextWriter.Null, cancellationToken: ct);

        await AssertRefusedAsync(others, server.Address.Port);
        using var loopback = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await loopback.ConnectAsync(IPAddress.Loopback, server.Address.Port, ct); // the port is open, on loopback
    }

    [Fact]
    public async Task Server_HandlerThrows_AnswersWith500AndLogsTheException()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = new WaitableLog();
        await using var server = await CassetteServer.StartAsync(new StubHandler(_ => throw new InvalidOperationException("The handler broke.")), new Uri("http://upstream.test"), 0, log, cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.GetAsync("/x", ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        // Kestrel's own error reaches the server's log: what the hang-up tests rely on to see none.
        await log.WaitForAsync("The handler broke.");
        Assert.Contains(log.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains("System.InvalidOperationException: The handler broke.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_ClientsHangingUpMidStream_LeaveItServingWholeStreams()
    {
        var ct = TestContext.Current.CancellationToken;
        var cassette = CassetteFile.Load(Fixtures.Seed(SeedVariants.Chutes));
        var recorded = cassette.Interactions[0];
        string[] events = SplitEvents(recorded.Response.Body.ToArray());
        var clock = new ManualClock();
        using var handler = new ReplayingHandler(ServedCassettes.Merge([cassette]), new ReplayOptions { AllowRepeats = true, Pacing = ReplayPacing.SpreadOverEvents, TimeProvider = clock });
        var log = new WaitableLog();
        await using var server = await CassetteServer.StartAsync(handler, ServedCassettes.Origin, 0, log, cancellationToken: ct);
        // No draining on dispose: a disposed response closes its connection at once.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server.Address };
        const string Path = "/api/v1/chat/completions";
        const int HangUps = 60;

        for (int i = 0; i < HangUps; i++)
        {
            var hangUp = (HangUp)(i % 3);
            var reading = ReadFirstEventAndHangUpAsync(client, server.Address, Path, recorded.Request.Body.ToArray(), events[0], hangUp);
            await clock.WaitForTimersAsync(); // the paced first event
            clock.Advance(TimeSpan.FromSeconds(2));
            await reading;

            // The server noticed, stopped the stream and left no timer behind for the second event.
            await log.WaitForAsync("the client hung up", i + 1);
            Assert.Equal(0, clock.PendingTimers);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ReadOnlyMemoryContent(recorded.Request.Body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsStreamAsync(ct);
        foreach (string expected in events)
        {
            var read = ReadAsync(body, Encoding.UTF8.GetByteCount(expected));
            await clock.WaitForTimersAsync();
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(expected, await read);
        }

        Assert.Equal(0, await body.ReadAsync(new byte[16], ct));
        Assert.Equal(HangUps, log.Lines.Count(l => l.Contains("the client hung up after ", StringComparison.Ordinal)));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_RecordingClientsHangingUpMidStream_RecordEveryStreamWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        var cassette = new CassetteFile();
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var handler = new RecordingHandler(cassette, upstream.CreateHandler(decompress: true), new RecordingOptions { OnWarning = warnings.Enqueue });
        var log = new WaitableLog();
        var server = await CassetteServer.StartAsync(handler, upstream.BaseAddress, 0, log, recording: true, cancellationToken: ct);
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server.Address };
        byte[] body = Encoding.UTF8.GetBytes("""{"model":"fake-model","messages":[{"role":"user","content":"Weather in Florence?"}],"tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}],"stream":true}""");
        string firstEvent = $"data: {FakeUpstream.ToolCallEvents[0]}\n\n";
        const int HangUps = 30;

        await using (server)
        {
            for (int i = 0; i < HangUps; i++)
            {
                // The upstream holds the rest of the stream until this client has hung up.
                var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                upstream.BeforeEvent = e => e == 0 ? Task.CompletedTask : rest.Task;
                await ReadFirstEventAndHangUpAsync(client, server.Address, "/v1/chat/completions", body, firstEvent, (HangUp)(i % 3));
                rest.SetResult();
            }

            // As `cassette serve --record` does on Ctrl+C: let the requests finish, then the recorder.
            await server.StopAsync(ct);
            await handler.FlushAsync(ct);
        }

        Assert.True(warnings.IsEmpty, string.Join('\n', warnings) + "\n" + log);
        Assert.Equal(HangUps, cassette.Interactions.Count);
        string whole = FakeUpstream.SseBody(FakeUpstream.ToolCallEvents);
        Assert.All(cassette.Interactions, i => Assert.Equal(whole, Encoding.UTF8.GetString(i.Response.Body.Span)));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_UpstreamBreaksOffMidStream_ClientGetsACutShortResponseNotACompleteOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        // A reset throws away what the peer has not read yet: the break waits until the client has two events.
        var broken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.BeforeEvent = e => e < 2 ? Task.CompletedTask : broken.Task;
        upstream.AbortAfterEvents = 3;
        var cassette = new CassetteFile();
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var handler = new RecordingHandler(cassette, upstream.CreateHandler(decompress: true), new RecordingOptions { OnWarning = warnings.Enqueue });
        var log = new WaitableLog();
        await using var server = await CassetteServer.StartAsync(handler, upstream.BaseAddress, 0, log, recording: true, cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = server.Address };
        string body = """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"stream":true}""";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var stream = await response.Content.ReadAsStreamAsync(ct);

        string firstTwo = string.Concat(FakeUpstream.AnswerEvents.Take(2).Select(e => $"data: {e}\n\n"));
        Assert.Equal(firstTwo, await ReadAsync(stream, Encoding.UTF8.GetByteCount(firstTwo)));
        broken.SetResult();

        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(Stream.Null, ct));
        await log.WaitForAsync("the upstream failed after ");
        await handler.FlushAsync(ct);
        Assert.Empty(cassette.Interactions);
        Assert.Contains("was not recorded", Assert.Single(warnings), StringComparison.Ordinal);
    }

    private enum HangUp
    {
        DisposeResponse,
        CancelRead,
        ResetSocket,
    }

    /// <summary>Sends a streamed request, reads up to the end of its first event, and goes away the given way.</summary>
    private static async Task ReadFirstEventAndHangUpAsync(HttpClient client, Uri server, string path, byte[] body, string firstEvent, HangUp hangUp)
    {
        var ct = TestContext.Current.CancellationToken;
        if (hangUp == HangUp.ResetSocket)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, server.Port, ct);
            byte[] head = Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
            await socket.SendAsync(head.Concat(body).ToArray(), SocketFlags.None, ct);
            var received = new List<byte>();
            byte[] buffer = new byte[4096];
            byte[] wanted = Encoding.UTF8.GetBytes(firstEvent);
            while (received.ToArray().AsSpan().IndexOf(wanted) < 0)
            {
                int read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
                Assert.NotEqual(0, read);
                received.AddRange(buffer.AsSpan(0, read));
            }

            // Linger 0: close sends a reset instead of a goodbye.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var stream = await response.Content.ReadAsStreamAsync(ct);
        Assert.Equal(firstEvent, await ReadAsync(stream, Encoding.UTF8.GetByteCount(firstEvent)));
        if (hangUp == HangUp.CancelRead)
        {
            var next = stream.ReadAsync(new byte[1024], cancel.Token).AsTask();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        }

        response.Dispose();
    }

    private static string[] SplitEvents(byte[] body) =>
        Encoding.UTF8.GetString(body).Split("\n\n").SkipLast(1).Select(e => e + "\n\n").ToArray();

    private static async Task<string> ReadAsync(Stream stream, int count)
    {
        byte[] buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(total), TestContext.Current.CancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    internal static List<IPAddress> NonLoopbackAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .ToList();

    /// <summary>Asserts that nothing listens on <paramref name="port"/> at any of <paramref name="addresses"/>.</summary>
    internal static async Task AssertRefusedAsync(IEnumerable<IPAddress> addresses, int port)
    {
        foreach (var address in addresses)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(address, port, TestContext.Current.CancellationToken));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.ToString());
            return Task.FromResult(respond(request));
        }
    }
}
