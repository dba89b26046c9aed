using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cassette.Benchmarks;

/// <summary>
/// Time to the first SSE event and to the end of the stream, straight to a local upstream
/// (Kestrel on 127.0.0.1) and through <see cref="RecordingHandler"/>, measured in the same run
/// with the two interleaved request by request, so that machine noise hits both alike.
/// <c>dotnet run -c Release --project tests/Cassette.Benchmarks -- --recording-overhead [RUNS]</c>:
/// with RUNS, that many runs one after another, each in a process of its own, and the mean and
/// range of each overhead; one run on a shared machine varies by one or two points.
/// </summary>
/// <remarks>
/// BenchmarkDotNet times whole methods; the first event happens inside a request, so this is a
/// plain Stopwatch loop with medians rather than a [Benchmark].
/// </remarks>
internal static class RecordingOverhead
{
    private static readonly string s_event = "data: " + """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"fake-model","choices":[{"index":0,"delta":{"content":" some streamed words"},"finish_reason":null}]}""" + "\n\n";

    public static async Task RunAsync(int runs)
    {
        if (runs <= 1)
        {
            await RunOnceAsync(raw: false);
            return;
        }

        // Per scenario and measure, each run's median times straight and through the recorder.
        var results = new Dictionary<string, List<(double Direct, double Recorded)>>();
        for (int run = 1; run <= runs; run++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
            start.ArgumentList.Add(typeof(RecordingOverhead).Assembly.Location);
            start.ArgumentList.Add("--recording-overhead");
            start.ArgumentList.Add("--raw");
            using var child = Process.Start(start)!;
            string output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"Run {run} failed with exit code {child.ExitCode}.");
            }

            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] parts = line.Split('|');
                string key = $"{parts[0],-28} {parts[1],-14}";
                var result = (double.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
                (results.TryGetValue(key, out var list) ? list : results[key] = []).Add(result);
            }

            Console.WriteLine($"run {run}: " + string.Join("  ", results.Values.Select(r => $"{Overhead(r[^1]):P1}")));
        }

        Console.WriteLine($"{"scenario",-28} {"measure",-14} {"mean",8} {"range",16} {"added",9} {"of direct",10}");
        foreach (var (key, values) in results)
        {
            var overheads = values.Select(Overhead).ToList();
            Console.WriteLine($"{key} {overheads.Average(),8:P1} {overheads.Min(),7:P1} … {overheads.Max(),-7:P1} " +
                $"{values.Average(v => v.Recorded - v.Direct),7:F1}µs {values.Average(v => v.Direct),8:F1}µs");
        }

        static double Overhead((double Direct, double Recorded) result) => (result.Recorded - result.Direct) / result.Direct;
    }

    public static async Task RunOnceAsync(bool raw)
    {
        await using var app = await StartUpstreamAsync();
        var address = AddressOf(app);

        // One connection pool for both, so neither runs on a connection of its own.
        using var upstream = new SocketsHttpHandler();
        using var direct = new HttpClient(upstream, disposeHandler: false);
        var cassette = new CassetteFile();
        using var recording = new HttpClient(new RecordingHandler(cassette, upstream), disposeHandler: false);

        if (!raw)
        {
            Console.WriteLine($"{"scenario",-28} {"measure",-14} {"direct",10} {"recording",10} {"overhead",9}");
        }

        var burst = new Uri(address, "burst");
        await WarmUpAsync(cassette, () => OneAsync(direct, burst), () => OneAsync(recording, burst));
        await MeasureAsync("burst: 50 events, no pause", burst, direct, recording, cassette, warmup: 300, count: 3000, raw);
        await MeasureAsync("paced: 10 events, 2 ms apart", new Uri(address, "paced"), direct, recording, cassette, warmup: 30, count: 400, raw);
        await app.StopAsync();
    }

    /// <summary>
    /// Sends requests every way for a few seconds, so that what is measured is code the JIT has
    /// optimized. It compiles a method unoptimized first and optimizes it after 30 calls, counted
    /// only once no new method was compiled for 100 ms (tiered compilation): a method called once
    /// per request, in the recorder or in the HTTP stack, can take a second or more to get there,
    /// and a few hundred requests of warm-up may measure unoptimized code on both sides.
    /// </summary>
    public static async Task WarmUpAsync(CassetteFile cassette, params Func<Task>[] sends)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(4))
        {
            foreach (var send in sends)
            {
                await send();
            }

            if (cassette.Interactions.Count > 500)
            {
                cassette.Interactions = [];
            }
        }
    }

    public static async Task<WebApplication> StartUpstreamAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(StreamAsync);
        await app.StartAsync();
        return app;
    }

    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    private static async Task StreamAsync(HttpContext context)
    {
        bool paced = context.Request.Path == "/paced";
        context.Response.ContentType = "text/event-stream";
        byte[] bytes = Encoding.UTF8.GetBytes(s_event);
        int events = paced ? 10 : 50;
        for (int i = 0; i < events; i++)
        {
            if (paced && i > 0)
            {
                await Task.Delay(2);
            }

            await context.Response.Body.WriteAsync(bytes);
            await context.Response.Body.FlushAsync();
        }

        await context.Response.Body.WriteAsync("data: [DONE]\n\n"u8.ToArray());
    }

    private static async Task MeasureAsync(string name, Uri url, HttpClient direct, HttpClient recording, CassetteFile cassette, int warmup, int count, bool raw)
    {
        var first = (Direct: new List<double>(), Recording: new List<double>());
        var total = (Direct: new List<double>(), Recording: new List<double>());
        for (int i = 0; i < warmup + count; i++)
        {
            // Alternate which goes first, so neither always runs on a just-warmed connection.
            foreach (bool recorded in i % 2 == 0 ? new[] { false, true } : new[] { true, false })
            {
                var (toFirst, toEnd) = await OneAsync(recorded ? recording : direct, url);
                if (i >= warmup)
                {
                    (recorded ? first.Recording : first.Direct).Add(toFirst);
                    (recorded ? total.Recording : total.Direct).Add(toEnd);
                }
            }

            if (cassette.Interactions.Count > 500)
            {
                cassette.Interactions = [];
            }
        }

        Report(name, "first event", first.Direct, first.Recording, raw);
        Report(name, "whole stream", total.Direct, total.Recording, raw);
    }

    private static async Task<(double First, double Total)> OneAsync(HttpClient client, Uri url)
    {
        long start = Stopwatch.GetTimestamp();
        double first;

        // The whole stream ends when the client has disposed the response: the recorder releases
        // the upstream body when it ends, which the client does itself when it disposes it.
        using (var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
        {
            _ = await reader.ReadLineAsync();
            first = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }

        return (first, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    private static void Report(string scenario, string measure, List<double> direct, List<double> recording, bool raw)
    {
        double d = Median(direct);
        double r = Median(recording);
        if (raw)
        {
            // Read by the parent of a run of several.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}|{measure}|{d}|{r}"));
            return;
        }

        Console.WriteLine($"{scenario,-28} {measure,-14} {d,8:F1}µs {r,8:F1}µs {(r - d) / d,8:P1}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
