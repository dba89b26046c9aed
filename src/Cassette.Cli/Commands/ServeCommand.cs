using System.CommandLine;
using Cassette.Cli.Serving;

namespace Cassette.Cli.Commands;

/// <summary><c>cassette serve</c>: a local HTTP server that replays cassettes to clients in any language.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "A cassette file, or a folder whose *.yaml cassettes are all served.",
        };
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1 to listen on; 0 picks a free one (printed at start).",
            DefaultValueFactory = _ => 0,
            HelpName = "n",
        };
        var repeats = new Option<bool>("--allow-repeats")
        {
            Description = "Let an interaction be played more than once (by default each is played once, as go-vcr does).",
        };
        var record = new Option<bool>("--record")
        {
            Description = "Record instead of replaying: forward every request to --upstream and add it to the cassette FILE, saved on Ctrl+C.",
        };
        var upstream = new Option<string?>("--upstream")
        {
            Description = "With --record, the real API to forward to, for example https://openrouter.ai/api (its path comes before the client's).",
            HelpName = "url",
        };
        upstream.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !IsHttpUrl(text))
            {
                result.AddError($"--upstream \"{text}\" is not an absolute http or https URL.");
            }
        });

        var command = new Command(
            "serve",
            """
            Serve cassettes on http://127.0.0.1:PORT with the same matching and streaming as
            ReplayingHandler, so clients in any language replay the same fixtures. Requests match
            on method, path, query and body; the recorded scheme and host stand for the server's
            own. A request that matches nothing gets status 599 (which no real API sends) with the
            header X-Cassette-Mismatch: true and a text/plain body that explains the nearest miss.
            With --record --upstream URL it is a recording proxy instead: requests go to the
            upstream, responses stream back, and the interactions (credentials removed, as
            RecordingHandler does) are added to FILE when it stops; an unreachable upstream gets
            502. It listens on 127.0.0.1 only, never on other interfaces. Stop with Ctrl+C.

            Examples:
              cassette serve fixtures/openrouter/tool_streaming_kimi-k2_chutes.yaml --port 8787
              OPENAI_BASE_URL=http://127.0.0.1:8787/api/v1 python my_test.py
              cassette serve fixtures/my-test.yaml --record --upstream https://openrouter.ai/api --port 8787
            """)
        {
            path, port, repeats, record, upstream,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            string target = parseResult.GetValue(path)!;
            if (parseResult.GetValue(record))
            {
                return parseResult.GetValue(upstream) is { } upstreamUrl
                    ? await RecordAsync(target, new Uri(upstreamUrl), parseResult.GetValue(port), output, error, cancellationToken).ConfigureAwait(false)
                    : Fail(error, "--record needs --upstream URL: the API to forward requests to.");
            }

            if (parseResult.GetValue(upstream) is not null)
            {
                return Fail(error, "--upstream is only used with --record.");
            }

            var cassettes = new List<CassetteFile>();
            bool failed = false;
            foreach (string file in CassettePaths.Expand([target], error, () => failed = true))
            {
                try
                {
                    cassettes.Add(CassetteFile.Load(file));
                }
                catch (Exception e) when (e is CassetteFormatException or IOException or UnauthorizedAccessException)
                {
                    error.WriteLine(e.Message);
                    failed = true;
                }
            }

            if (failed)
            {
                return ExitCodes.Error;
            }

            var merged = ServedCassettes.Merge(cassettes);
            using var handler = new ReplayingHandler(merged, new ReplayOptions { AllowRepeats = parseResult.GetValue(repeats) });
            return await ServeAsync(handler, ServedCassettes.Origin, parseResult.GetValue(port),
                $"Replaying {merged.Interactions.Count} interactions from {cassettes.Count} {(cassettes.Count == 1 ? "cassette" : "cassettes")}",
                output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RecordAsync(string file, Uri upstream, int port, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        CassetteFile cassette;
        try
        {
            cassette = File.Exists(file) ? CassetteFile.Load(file) : new CassetteFile();
        }
        catch (Exception e) when (e is CassetteFormatException or IOException or UnauthorizedAccessException)
        {
            return Fail(error, e.Message);
        }

        if (cassette.Version == 1)
        {
            return Fail(error, $"{file}: {VersionOneUpgrade.SaveRefused(file)}");
        }

        int before = cassette.Interactions.Count;
        var options = new RecordingOptions { OnWarning = warning => error.WriteLine($"warning: {warning}") };

        // Go's transport asks for gzip and decompresses itself; so does this proxy, and the
        // cassette records the body uncompressed as go-vcr would.
        using var handler = new RecordingHandler(cassette, new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All }, options);
        int exitCode = await ServeAsync(handler, upstream, port, $"Recording to {file} from {upstream}", output, error, cancellationToken, recording: true).ConfigureAwait(false);
        await handler.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        int added = cassette.Interactions.Count - before;
        if (added > 0)
        {
            cassette.Save(file);
        }

        output.WriteLine($"Recorded {added} new {(added == 1 ? "interaction" : "interactions")}{(added > 0 ? $" to {file}" : "")}.");
        return exitCode;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return ExitCodes.Error;
    }

    private static async Task<int> ServeAsync(HttpMessageHandler handler, Uri origin, int port, string what, TextWriter output, TextWriter error, CancellationToken cancellationToken, bool recording = false)
    {
        CassetteServer server;
        try
        {
            server = await CassetteServer.StartAsync(handler, origin, port, error, recording, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            error.WriteLine($"Could not listen on 127.0.0.1:{port}: {e.Message}");
            return ExitCodes.Error;
        }

        await using (server.ConfigureAwait(false))
        {
            output.WriteLine($"{what} on {server.Address.GetLeftPart(UriPartial.Authority)} (Ctrl+C to stop).");
            output.Flush();
            // Ctrl+C reaches either System.CommandLine (the token) or the web host's own signal
            // handling (Stopping), whichever registered first; both mean stop.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop cleanly.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
