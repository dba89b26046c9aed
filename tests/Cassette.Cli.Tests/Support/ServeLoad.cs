using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Cassette.Cli.Serving;

namespace Cassette.Tests.Support;

/// <summary>
/// A load run against a cassette server: many clients at once, each replaying recorded streams
/// one after another and comparing every body byte for byte. Shared by the load test and the
/// <c>--serve-load</c> console mode of the benchmarks (the file is linked there), so both
/// measure the same thing.
/// </summary>
internal static class ServeLoad
{
    /// <summary>A request to send and the body it must get back, byte for byte.</summary>
    public sealed record Exchange(string PathAndQuery, byte[] RequestBody, byte[] ResponseBody);

    public sealed record Result(int Clients, int Requests, TimeSpan Elapsed, IReadOnlyList<double> FirstEventMs, IReadOnlyList<double> EndMs, IReadOnlyList<string> Failures)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

        public string Summary =>
            string.Create(CultureInfo.InvariantCulture,
                $"{Clients} clients, {Requests} streamed requests in {Elapsed.TotalSeconds:F2} s: {RequestsPerSecond:F0} requests/s; "
                + $"first event p50 {Percentile(FirstEventMs, 50):F1} ms, p99 {Percentile(FirstEventMs, 99):F1} ms; "
                + $"last byte p50 {Percentile(EndMs, 50):F1} ms, p99 {Percentile(EndMs, 99):F1} ms; {Failures.Count} failures");
    }

    /// <summary>Every streamed interaction of the cassettes, as the server's clients send and get them.</summary>
    public static List<Exchange> Exchanges(IEnumerable<CassetteFile> cassettes) =>
        cassettes.SelectMany(c => c.Interactions)
            .Where(i => i.Response.Headers.TryGetValue("Content-Type", out var type) && type.Any(t => MediaTypeHeaderValue.Parse(t).MediaType == "text/event-stream"))
            .Select(i => new Exchange(ServedCassettes.PathAndQuery(i.Request.Url), i.Request.Body.ToArray(), i.Response.Body.ToArray()))
            .ToList();

    /// <summary>Every client starts at once and sends <paramref name="requestsPerClient"/> requests in turn, client <c>i</c> taking exchange <c>i % count</c>, <c>i+1</c>, and so on.</summary>
    public static async Task<Result> RunAsync(HttpClient client, IReadOnlyList<Exchange> exchanges, int clients, int requestsPerClient, CancellationToken cancellationToken = default)
    {
        var firstEvent = new double[clients * requestsPerClient];
        var end = new double[clients * requestsPerClient];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            for (int r = 0; r < requestsPerClient; r++)
            {
                var exchange = exchanges[(c + r) % exchanges.Count];
                int slot = c * requestsPerClient + r;
                try
                {
                    (firstEvent[slot], end[slot]) = await OneAsync(client, exchange, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
                {
                    failures.Enqueue($"client {c}, request {r}: {e.Message}");
                }
            }
        }, cancellationToken)).ToList();

        long started = Stopwatch.GetTimestamp();
        start.SetResult();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Result(clients, clients * requestsPerClient, elapsed, firstEvent, end, failures.ToList());
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static async Task<(double FirstEvent, double End)> OneAsync(HttpClient client, Exchange exchange, CancellationToken cancellationToken)
    {
        long sent = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, exchange.PathAndQuery) { Content = new ByteArrayContent(exchange.RequestBody) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != 200)
        {
            throw new InvalidDataException($"{exchange.PathAndQuery} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var bodyScope = body.ConfigureAwait(false);
        // One byte more than recorded, so a longer body shows up as a full buffer.
        byte[] received = new byte[exchange.ResponseBody.Length + 1];
        int total = 0;
        double firstEvent = double.NaN;
        int read;
        while ((read = await body.ReadAsync(received.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (double.IsNaN(firstEvent) && received.AsSpan(0, total).IndexOf("\n\n"u8) >= 0)
            {
                firstEvent = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }

            if (total >= received.Length)
            {
                throw new InvalidDataException($"{exchange.PathAndQuery} sent more than the recorded {exchange.ResponseBody.Length} bytes.");
            }
        }

        double end = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        if (!received.AsSpan(0, total).SequenceEqual(exchange.ResponseBody))
        {
            throw new InvalidDataException($"{exchange.PathAndQuery} sent {total} bytes that differ from the recorded {exchange.ResponseBody.Length}.");
        }

        return (double.IsNaN(firstEvent) ? end : firstEvent, end);
    }
}
