using System.Net;
using System.Net.Sockets;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Session;

/// <summary>
/// A record or new-episodes run never replaces a cassette with a worse one: after a failed run
/// the cassette is left as it was and what was recorded is written beside it as
/// <c>NAME.partial.yaml</c>, with a warning that names the file.
/// </summary>
public sealed class FailedRecordRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-failed-run-").FullName;
    private readonly List<string> _warnings = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private CassetteSessionOptions In(CassetteMode mode) =>
        new() { Mode = mode, Recording = new RecordingOptions { OnWarning = _warnings.Add } };

    private async Task<string> RecordGoodCassetteAsync(string path, FakeUpstream upstream)
    {
        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("good"), Token);
        }

        _warnings.Clear();
        return await File.ReadAllTextAsync(path, Token);
    }

    /// <summary>An address on this machine where nothing listens: connecting is refused.</summary>
    private static Uri RefusingAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1/chat/completions");
    }

    [Fact]
    public async Task Record_UpstreamDown_LeavesTheCassetteByteForByteAndSaysSo()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        string good = await RecordGoodCassetteAsync(path, upstream);

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(RefusingAddress(), Token));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(RefusingAddress(), Token));
        }

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        Assert.False(File.Exists(PathOf("chat.partial.yaml")));
        string warning = Assert.Single(_warnings);
        Assert.StartsWith("2 requests could not be recorded (the first: GET http://127.0.0.1:", warning, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", warning, StringComparison.Ordinal);
        Assert.EndsWith($"and nothing was recorded: \"{path}\" was left as it was.", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_OneRequestFails_WritesWhatWasRecordedBesideTheCassette()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        string good = await RecordGoodCassetteAsync(path, upstream);

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("recorded"), Token);
            using var failing = session.CreateHttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => failing.GetStringAsync(RefusingAddress(), Token));
        }

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        string partial = PathOf("chat.partial.yaml");
        Assert.Equal(["http://localhost/recorded"], CassetteFile.Load(partial).Interactions.Select(i => i.Request.Url));
        string warning = Assert.Single(_warnings);
        Assert.Contains($"so \"{path}\" was left as it was; what was recorded (1 interaction) is in \"{partial}\"", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_TestMarkedFailed_KeepsTheCassetteAndWritesThePartial()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        string good = await RecordGoodCassetteAsync(path, upstream);

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("a"), Token);
            await client.GetStringAsync(upstream.Url("b"), Token);
            session.MarkFailed();
        }

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        Assert.Equal(2, CassetteFile.Load(PathOf("chat.partial.yaml")).Interactions.Count);
        Assert.StartsWith("The test failed, so ", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewEpisodes_TestMarkedFailed_ThePartialHoldsTheOldAndTheNewInteractions()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        string good = await RecordGoodCassetteAsync(path, upstream);

        await using (var session = CassetteSession.Open(path, In(CassetteMode.NewEpisodes)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("good"), Token);
            await client.GetStringAsync(upstream.Url("new"), Token);
            session.MarkFailed();
        }

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        Assert.Equal(
            ["http://localhost/good", "http://localhost/new"],
            CassetteFile.Load(PathOf("chat.partial.yaml")).Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task Record_NothingSent_LeavesTheCassetteAndSaysHowToRemoveIt()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        string good = await RecordGoodCassetteAsync(path, upstream);

        await using (CassetteSession.Open(path, In(CassetteMode.Record)))
        {
        }

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        Assert.Equal($"Nothing was recorded, so \"{path}\" was left as it was. Delete it if the test no longer sends requests.", Assert.Single(_warnings));
    }

    [Fact]
    public async Task Once_NewCassetteAndTestFailed_WritesOnlyThePartial_SoTheNextRunRecordsAgain()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("new.yaml");

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Once)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("first-try"), Token);
            session.MarkFailed();
        }

        Assert.False(File.Exists(path));
        Assert.Contains($"no cassette was written at \"{path}\"", Assert.Single(_warnings), StringComparison.Ordinal);
        await using (var session = CassetteSession.Open(path, In(CassetteMode.Once)))
        {
            Assert.True(session.IsRecording);
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("second-try"), Token);
        }

        Assert.Equal(["http://localhost/second-try"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
        Assert.False(File.Exists(PathOf("new.partial.yaml")));
    }

    [Fact]
    public async Task Record_StreamBreaksOffMidway_IsAFailedRun()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("stream.yaml");
        string good = await RecordGoodCassetteAsync(path, upstream);
        upstream.AbortAfterEvents = 2;

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("good"), Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("v1/chat/completions"))
            {
                Content = new StringContent("""{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
            await Assert.ThrowsAnyAsync<IOException>(() => reader.ReadToEndAsync(Token));
        }

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        Assert.Single(CassetteFile.Load(PathOf("stream.partial.yaml")).Interactions);
        Assert.Contains(_warnings, w => w.StartsWith("1 request could not be recorded (the first: the response to POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_ClientLetsGoOfAStreamThatThenBreaksOff_IsNotAFailedRun()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("abandoned.yaml");
        upstream.AbortAfterEvents = 2;

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("kept"), Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("v1/chat/completions"))
            {
                Content = new StringContent("""{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
            };

            // The client reads nothing of the body and lets go of it; the rest breaks off.
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
            response.Dispose();
        }

        Assert.Equal([upstream.Url("kept").AbsoluteUri], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
        Assert.False(File.Exists(PathOf("abandoned.partial.yaml")));
        Assert.Contains(_warnings, w => w.StartsWith("The response to POST", StringComparison.Ordinal) && w.Contains("the client stopped reading the body and reading the rest failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_ClientCancelsAStreamAfterItBrokeOff_IsNotAFailedRun()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("let-go.yaml");
        upstream.AbortAfterEvents = 2;

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("kept"), Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("v1/chat/completions"))
            {
                Content = new StringContent("""{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
            };

            // As an MCP client closes its event stream while the server ends it: the read fails
            // first, then the client cancels the stream's token on its way out.
            using var stream = new CancellationTokenSource();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
            await Assert.ThrowsAnyAsync<IOException>(() => reader.ReadToEndAsync(stream.Token));
            await stream.CancelAsync();
        }

        Assert.Equal([upstream.Url("kept").AbsoluteUri], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
        Assert.False(File.Exists(PathOf("let-go.partial.yaml")));
        Assert.Contains(_warnings, w => w.StartsWith("The response to POST", StringComparison.Ordinal) && w.Contains("reading it failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_ClientCancelsARequest_IsNotAFailedRun()
    {
        // Kestrel: a request cancelled before its response ends at once on a real socket.
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        string path = PathOf("cancelled.yaml");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.BeforeResponse = request =>
        {
            if (request.Target != "/slow")
            {
                return Task.CompletedTask;
            }

            arrived.SetResult();
            return release.Task;
        };

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("kept"), Token);
            using var cancel = new CancellationTokenSource();
            var slow = client.GetStringAsync(upstream.Url("slow"), cancel.Token);
            await arrived.Task;
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
            release.SetResult();
        }

        Assert.Equal([upstream.Url("kept").AbsoluteUri], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
        Assert.False(File.Exists(PathOf("cancelled.partial.yaml")));
    }

    [Fact]
    public async Task Record_AGoodRunAfterAFailedOne_ReplacesTheCassetteAndDeletesThePartial()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        await RecordGoodCassetteAsync(path, upstream);
        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("failed-run"), Token);
            session.MarkFailed();
        }

        Assert.True(File.Exists(PathOf("chat.partial.yaml")));
        await using (var session = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("good-run"), Token);
        }

        Assert.Equal(["http://localhost/good-run"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
        Assert.False(File.Exists(PathOf("chat.partial.yaml")));
    }

    [Fact]
    public async Task Replay_TestMarkedFailed_WritesNothing()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        string good = await RecordGoodCassetteAsync(path, upstream);

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Replay)))
        {
            session.MarkFailed();
        }

        Assert.Equal(good, await File.ReadAllTextAsync(path, Token));
        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.Empty(_warnings);
    }
}
