using System.Diagnostics;
using System.Globalization;
using Cassette.Tests.Support;

namespace Cassette.Benchmarks;

/// <summary>
/// A longer load run against the real <c>cassette serve</c> process (the tool as built, on
/// loopback): CLIENTS clients at once, each replaying the streaming seeds REQUESTS times in turn,
/// every body compared byte for byte; prints requests/s and p50/p99 to the first event and to the
/// last byte. <c>dotnet run -c Release --project tests/Cassette.Benchmarks -- --serve-load [CLIENTS [REQUESTS]]</c>
/// (defaults 200 and 50).
/// </summary>
/// <remarks>The same run as the load test (<c>ServeLoad</c>), with a warm-up round first and the server in its own process.</remarks>
internal static class ServeLoadRun
{
    public static async Task RunAsync(string[] args)
    {
        int clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        int requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        string seeds = Path.Combine(CorpusFiles.Root(), "openrouter");
        var exchanges = ServeLoad.Exchanges(Directory.EnumerateFiles(seeds, "tool_streaming_*.yaml").Order(StringComparer.Ordinal).Select(CassetteFile.Load));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Cassette.Cli.dll"), "serve", seeds, "--allow-repeats", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var server = Process.Start(start)!;
        try
        {
            // The server logs a line per request: read them all, or its stderr pipe fills and it stalls.
            int problems = 0;
            var log = Task.Run(async () =>
            {
                while (await server.StandardError.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("error: ", StringComparison.Ordinal) || line.StartsWith("warning: ", StringComparison.Ordinal) || line.Contains("hung up", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref problems);
                        Console.Error.WriteLine(line);
                    }
                }
            });
            string banner = (await server.StandardOutput.ReadLineAsync())!;
            Console.WriteLine(banner);
            var address = new Uri(banner.Split(' ').Single(w => w.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
            using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = address };

            var warmup = await ServeLoad.RunAsync(client, exchanges, clients, 2);
            Console.WriteLine($"warm-up:  {warmup.Summary}");
            var result = await ServeLoad.RunAsync(client, exchanges, clients, requests);
            Console.WriteLine($"measured: {result.Summary}");
            foreach (string failure in result.Failures.Take(10))
            {
                Console.WriteLine(failure);
            }

            server.Kill();
            await server.WaitForExitAsync();
            await log;
            Console.WriteLine($"server log: {problems} errors, warnings or hang-ups");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }
}
