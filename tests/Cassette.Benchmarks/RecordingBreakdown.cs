using System.Diagnostics;
using System.Net;
using System.Text;

namespace Cassette.Benchmarks;

/// <summary>
/// Where the recorder's time goes, without a network: the same SSE response served from memory
/// (Kestrel's headers, one event per read, every read completing at once) straight and through
/// <see cref="RecordingHandler"/>, phase by phase (send to headers, open the body, first event,
/// rest of the stream until the response is disposed), interleaved, one connection pool, medians,
/// with the bytes allocated per request.
/// <c>dotnet run -c Release --project tests/Cassette.Benchmarks -- --recording-breakdown</c>.
/// </summary>
internal static class RecordingBreakdown
{
    private static readonly byte[] s_event = Encoding.UTF8.GetBytes("data: " + """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"fake-model","choices":[{"index":0,"delta":{"content":" some streamed words"},"finish_reason":null}]}""" + "\n\n");

    public static async Task RunAsync(string? path)
    {
        Uri url;
        Func<HttpMessageHandler> upstream;
        Microsoft.AspNetCore.Builder.WebApplication? app = null;
        if (path is null)
        {
            url = new Uri("http://127.0.0.1:5000/burst");
            upstream = () => new MemoryUpstream();
        }
        else
        {
            app = await RecordingOverhead.StartUpstreamAsync();
            url = new Uri(RecordingOverhead.AddressOf(app), path);
            upstream = () => new SocketsHttpHandler();
        }

        // One connection pool for all three.
        using var shared = upstream();
        using var direct = new HttpClient(shared, disposeHandler: false);
        var cassette = new CassetteFile();
        using var recording = new HttpClient(new RecordingHandler(cassette, shared), disposeHandler: false);
        using var noOp = new HttpClient(new NoOpHandler(shared), disposeHandler: false);
        var clients = new[] { ("direct", direct), ("no-op handler", noOp), ("recording", recording) };
        var phases = new[] { "headers", "open body", "first event", "rest", "total" };
        var samples = clients.Select(_ => phases.Select(_ => new List<double>()).ToArray()).ToArray();
        var allocated = clients.Select(_ => new List<long>()).ToArray();
        int warmup = path is null ? 20_000 : path == "paced" ? 30 : 300;
        int count = path is null ? 50_000 : path == "paced" ? 300 : 3000;
        var times = new long[phases.Length];
        await RecordingOverhead.WarmUpAsync(cassette, [.. clients.Select(c => (Func<Task>)(() => OneAsync(c.Item2, url, times)))]);
        for (int i = 0; i < warmup + count; i++)
        {
            for (int c = 0; c < clients.Length; c++)
            {
                int which = (c + i) % clients.Length;
                long before = GC.GetAllocatedBytesForCurrentThread();
                await OneAsync(clients[which].Item2, url, times);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                if (i >= warmup)
                {
                    for (int p = 0; p < phases.Length - 1; p++)
                    {
                        samples[which][p].Add(Stopwatch.GetElapsedTime(times[p], times[p + 1]).TotalMicroseconds);
                    }

                    samples[which][^1].Add(Stopwatch.GetElapsedTime(times[0], times[^1]).TotalMicroseconds);
                    allocated[which].Add(bytes);
                }
            }

            if (cassette.Interactions.Count > 500)
            {
                cassette.Interactions = [];
            }
        }

        Console.WriteLine($"{"phase",-12} {string.Join(" ", clients.Select(c => $"{c.Item1,14}"))}");
        for (int p = 0; p < phases.Length; p++)
        {
            Console.WriteLine($"{phases[p],-12} {string.Join(" ", samples.Select(s => $"{Median(s[p]),12:F2}µs"))}   means {string.Join(" ", samples.Select(s => $"{TrimmedMean(s[p]),8:F2}µs"))}");
        }

        Console.WriteLine($"{"allocated",-12} {string.Join(" ", allocated.Select(a => $"{a.Order().ElementAt(a.Count / 2),13}B"))}");
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task OneAsync(HttpClient client, Uri url, long[] times)
    {
        times[0] = Stopwatch.GetTimestamp();
        using (var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        {
            times[1] = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            times[2] = Stopwatch.GetTimestamp();
            _ = await reader.ReadLineAsync();
            times[3] = Stopwatch.GetTimestamp();
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }

        // Disposed: the recorder releases the upstream body when it ends, the client when it disposes it.
        times[4] = Stopwatch.GetTimestamp();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    // The mean of the fastest 90 %: finer than a median of coarse timestamps, without the GC pauses.
    private static double TrimmedMean(List<double> values) => values.Order().Take(values.Count * 9 / 10).Average();

    private sealed class NoOpHandler(HttpMessageHandler inner) : DelegatingHandler(inner);

    /// <summary>Answers like the overhead benchmark's Kestrel upstream, from memory.</summary>
    private sealed class MemoryUpstream : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StreamContent(new EventStream()),
            };
            response.Headers.TryAddWithoutValidation("Date", "Mon, 01 Jan 2024 00:00:00 GMT");
            response.Headers.TryAddWithoutValidation("Server", "Kestrel");
            response.Headers.TryAddWithoutValidation("Transfer-Encoding", "chunked");
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "text/event-stream");
            return Task.FromResult(response);
        }
    }

    private sealed class EventStream : Stream
    {
        private int _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ReadOnlySpan<byte> next = _sent < 50 ? s_event : _sent == 50 ? "data: [DONE]\n\n"u8 : [];
            _sent++;
            // Events are smaller than any reader's buffer here.
            next.CopyTo(buffer);
            return next.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
