using System.Diagnostics;
using System.Net;
using System.Text;
using Cassette.Cli.Serving;
using Cassette.Tests.Support;
using OpenAI.Chat;

namespace Cassette.Cli.Tests;

/// <summary><c>cassette serve</c> over a real loopback socket: the replaying handler behind Kestrel.</summary>
public sealed class ServeCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_PlainHttpClient_ReplaysTheSeedStreamEventByEvent()
    {
        var cassette = CassetteFile.Load(Fixtures.Seed(SeedVariants.Chutes));
        var recorded = cassette.Interactions[0];
        var clock = new ManualClock();
        using var handler = new ReplayingHandler(ServedCassettes.Merge([cassette]), new ReplayOptions { Pacing = ReplayPacing.SpreadOverEvents, TimeProvider = clock });
        await using var server = await CassetteServer.StartAsync(handler, ServedCassettes.Origin, 0, TextWriter.Null, cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/completions") { Content = new ReadOnlyMemoryContent(recorded.Request.Body) };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var body = await response.Content.ReadAsStreamAsync(Ct);

        // The recorded events, split at their blank lines.
        string[] events = Encoding.UTF8.GetString(recorded.Response.Body.Span).Split("\n\n").SkipLast(1).Select(e => e + "\n\n").ToArray();
        Assert.Equal(25, events.Length);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        foreach (string expected in events)
        {
            // The gate: the server cannot send the next event before the fake clock releases it.
            var read = ReadAsync(body, Encoding.UTF8.GetByteCount(expected));
            await clock.WaitForTimersAsync();
            Assert.False(read.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(expected, await read);
        }

        Assert.Equal(0, await body.ReadAsync(new byte[16], Ct));
        Assert.Single(handler.UnplayedInteractions); // only the second turn is left
    }

    [Fact]
    public async Task Serve_OpenAiSdk_ReplaysTheSeedConversation()
    {
        string path = Fixtures.Seed(SeedVariants.Chutes);
        using var handler = new ReplayingHandler(ServedCassettes.Merge([CassetteFile.Load(path)]));
        await using var server = await CassetteServer.StartAsync(handler, ServedCassettes.Origin, 0, TextWriter.Null, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = server.Address };
        var chat = new ChatClient(SeedChat.Model, new System.ClientModel.ApiKeyCredential("unused"), new OpenAI.OpenAIClientOptions
        {
            Endpoint = new Uri(server.Address, "/api/v1"),
            Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(http),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
        });

        var text = new StringBuilder();
        var arguments = new StringBuilder();
        string? callId = null;
        int updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync(SeedChat.FirstTurn(SeedChat.StreamingQuestion), SeedChat.StreamingOptions(path), Ct))
        {
            updates++;
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            foreach (var call in update.ToolCallUpdates)
            {
                callId ??= call.ToolCallId;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
        }

        Assert.Equal("I'll check the weather in Florence, Italy for you.", text.ToString());
        Assert.Equal("functions.weather:0", callId);
        Assert.Equal("{\"location\": \"Florence,Italy\"}", arguments.ToString());
        Assert.Equal(24, updates); // 25 events, the last being [DONE]

        var toolCall = ChatToolCall.CreateFunctionToolCall(callId, "weather", BinaryData.FromString(arguments.ToString()));
        var answer = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync(SeedChat.SecondTurn(SeedChat.StreamingQuestion, text.ToString(), toolCall), SeedChat.StreamingOptions(path), Ct))
        {
            answer.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.Equal("The weather in Florence, Italy is currently 40°C (104°F) - quite hot!", answer.ToString());
        handler.VerifyAllPlayed();
    }

    [Fact]
    public async Task Serve_UnmatchedRequest_Gets599WithTheMismatchReport()
    {
        using var handler = new ReplayingHandler(ServedCassettes.Merge([CassetteFile.Load(Fixtures.Seed(SeedVariants.Chutes))]));
        var log = new StringWriter();
        await using var server = await CassetteServer.StartAsync(handler, ServedCassettes.Origin, 0, log, cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.PostAsync("/api/v1/chat/completions", new StringContent("{\"model\":\"other\"}"), Ct);

        Assert.Equal(599, (int)response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("X-Cassette-Mismatch").Single());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        string report = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("http://cassette.invalid/api/v1/chat/completions", report, StringComparison.Ordinal);
        Assert.StartsWith("POST /api/v1/chat/completions -> no match (599)\n", log.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_RecordUpstreamUnreachable_Gets502()
    {
        // A port that was free a moment ago: nothing listens there.
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var handler = new RecordingHandler(new CassetteFile(), new SocketsHttpHandler(), new RecordingOptions { OnWarning = _ => { } });
        await using var server = await CassetteServer.StartAsync(handler, new Uri($"http://127.0.0.1:{port}"), 0, TextWriter.Null, recording: true, cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Cassette-Mismatch"));
    }

    [Theory]
    [InlineData("--host", "0.0.0.0")]
    [InlineData("--urls", "http://0.0.0.0:8787")]
    public void Serve_OptionToListenElsewhere_IsRefused(string option, string value)
    {
        var (exitCode, output, error) = CliRunner.Run("serve", Fixtures.Seed(SeedVariants.Chutes), option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Serve_AsARealProcess_ListensOnLoopbackOnlyWhateverTheEnvironmentSays()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Sends SIGINT with kill(1).");

        // What would move an ordinary ASP.NET Core app onto every interface.
        var start = CliProcess.StartInfo("serve", Fixtures.Seed("openrouter-kimi-k2.yaml"), "--port", "0");
        start.Environment["ASPNETCORE_URLS"] = "http://0.0.0.0:0";
        start.Environment["DOTNET_URLS"] = "http://0.0.0.0:0";
        start.Environment["ASPNETCORE_HTTP_PORTS"] = "0";
        start.Environment["ASPNETCORE_PREFERHOSTINGURLS"] = "true";
        start.Environment["DOTNET_PREFERHOSTINGURLS"] = "true";
        using var process = Process.Start(start)!;
        try
        {
            string banner = (await process.StandardOutput.ReadLineAsync(Ct))!;
            Assert.StartsWith("Replaying 2 interactions from 1 cassette on http://127.0.0.1:", banner, StringComparison.Ordinal);
            var address = new Uri(banner.Split(' ')[7]);
            using (var loopback = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
            {
                await loopback.ConnectAsync(IPAddress.Loopback, address.Port, Ct);
            }

            await CassetteServerTests.AssertRefusedAsync(CassetteServerTests.NonLoopbackAddresses(), address.Port);
            Assert.Equal(0, await CliProcess.StopWithCtrlCAsync(process));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public void PathAndQuery_KeepsTheRecordedTextExactly()
    {
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            ServedCassettes.PathAndQuery("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"));
        Assert.Equal("/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke",
            ServedCassettes.PathAndQuery("https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke"));
        Assert.Equal("/?q=1", ServedCassettes.PathAndQuery("http://host?q=1"));
    }

    [Fact]
    public async Task Serve_AsARealProcess_ReplaysAndStopsCleanlyOnCtrlC()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Sends SIGINT with kill(1).");
        using var process = CliProcess.Start("serve", Fixtures.Seed("openrouter-kimi-k2.yaml"), "--port", "0");
        try
        {
            // "Replaying 2 interactions from 1 cassette on http://127.0.0.1:PORT (Ctrl+C to stop)."
            string banner = (await process.StandardOutput.ReadLineAsync(Ct))!;
            Assert.StartsWith("Replaying 2 interactions from 1 cassette on http://127.0.0.1:", banner, StringComparison.Ordinal);
            var address = new Uri(banner.Split(' ')[7]);
            var cassette = CassetteFile.Load(Fixtures.Seed("openrouter-kimi-k2.yaml"));
            using var client = new HttpClient { BaseAddress = address };

            using var response = await client.PostAsync("/api/v1/chat/completions", new ReadOnlyMemoryContent(cassette.Interactions[0].Request.Body), Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(cassette.Interactions[0].Response.Body.ToArray(), await response.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal(0, await CliProcess.StopWithCtrlCAsync(process));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Serve_RecordAsARealProcess_SavesOnCtrlCWhatRecordingHandlerWrites()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Sends SIGINT with kill(1).");
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        using var temp = new TempDirectory();
        string file = temp.PathOf("recorded.yaml");
        string[] bodies =
        [
            """{"model":"fake-model","messages":[{"role":"user","content":"Weather in Florence?"}],"tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}],"stream":true}""",
            """{"model":"fake-model","messages":[{"role":"user","content":"Weather in Florence?"},{"role":"tool","tool_call_id":"call_1","content":"24 C"}]}""",
        ];

        // What the library writes when the same requests go straight through a RecordingHandler.
        var direct = new CassetteFile();
        var recorder = new RecordingHandler(direct, upstream.CreateHandler(decompress: true));
        using (var client = new HttpClient(recorder))
        {
            foreach (string body in bodies)
            {
                using var response = await client.PostAsync(upstream.Url("v1/chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"), Ct);
                await response.Content.ReadAsStringAsync(Ct);
            }

            await recorder.FlushAsync(Ct);
        }


        using var process = CliProcess.Start("serve", file, "--record", "--upstream", upstream.BaseAddress.ToString(), "--port", "0");
        try
        {
            string banner = (await process.StandardOutput.ReadLineAsync(Ct))!;
            Assert.StartsWith($"Recording to {file} from {upstream.BaseAddress} on http://127.0.0.1:", banner, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = new Uri(banner.Split(' ')[6]) };
            var streamed = new StringBuilder();
            foreach (string body in bodies)
            {
                using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
                streamed.Append(await response.Content.ReadAsStringAsync(Ct));
            }

            Assert.Contains("The weather in Florence is sunny", streamed.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, await CliProcess.StopWithCtrlCAsync(process));
            Assert.Equal($"Recorded 2 new interactions to {file}.", (await process.StandardOutput.ReadToEndAsync(Ct)).Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        // Only the clock and the upstream's per-request values differ between the two recordings.
        static string Comparable(CassetteFile cassette)
        {
            var copy = new CassetteFile(cassette.Layout);
            copy.Interactions = [.. cassette.Interactions.Select(i => i with
            {
                Response = i.Response with
                {
                    Duration = default,
                    Headers = i.Response.Headers.Where(h => h.Key is not ("Date" or "X-Request-Id")).ToDictionary(),
                },
            })];
            return copy.ToCanonicalYaml();
        }

        Assert.Equal(Comparable(direct), Comparable(CassetteFile.Load(file)));
        Assert.DoesNotContain("s3cr3t", await File.ReadAllTextAsync(file, Ct), StringComparison.Ordinal);
    }

    private static async Task<string> ReadAsync(Stream stream, int count)
    {
        byte[] buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(total), Ct);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
