using System.Text;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Session;

public sealed class CassetteSessionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-session-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static CassetteSessionOptions In(CassetteMode mode) => new() { Mode = mode };

    private static async Task RecordAsync(string path, FakeUpstream upstream, params string[] targets)
    {
        await using var session = CassetteSession.Open(path, In(CassetteMode.Record));
        using var client = session.CreateHttpClient(upstream.CreateHandler());
        foreach (string target in targets)
        {
            await client.GetStringAsync(upstream.Url(target), Token);
        }
    }

    [Fact]
    public void Open_ReplayAndNoCassette_ThrowsSayingHowToRecordIt()
    {
        string path = PathOf("missing.yaml");

        var e = Assert.Throws<CassetteNotFoundException>(() => CassetteSession.Open(path, In(CassetteMode.Replay)));

        Assert.Equal(path, e.CassettePath);
        Assert.Contains($"\"{path}\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("CASSETTE_MODE=record", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Record_SavesOnDispose_ThenReplayAnswersWithoutTheNetwork()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("nested/folder/a.yaml");

        await RecordAsync(path, upstream, "one", "two");
        await using var session = CassetteSession.Open(path, In(CassetteMode.Replay));
        using var client = session.CreateHttpClient();
        string one = await client.GetStringAsync(upstream.Url("one"), Token);
        string two = await client.GetStringAsync(upstream.Url("two"), Token);

        Assert.Equal(2, upstream.Received.Count);
        Assert.Contains("\"target\":\"/one\"", one, StringComparison.Ordinal);
        Assert.Contains("\"target\":\"/two\"", two, StringComparison.Ordinal);
        Assert.False(session.IsRecording);
        Assert.Equal(CassetteMode.Replay, session.Mode);
        Assert.Empty(session.UnplayedInteractions);
    }

    [Fact]
    public async Task Record_ExistingCassette_GoesToTheNetworkAndReplacesIt()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("a.yaml");
        await RecordAsync(path, upstream, "old");

        await RecordAsync(path, upstream, "new");

        Assert.Equal(["/old", "/new"], upstream.Received.Select(r => r.Target));
        Assert.Equal(["http://localhost/new"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task Record_TestFailsHalfway_WhatWasRecordedIsSaved()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("halfway.yaml");

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var session = CassetteSession.Open(path, In(CassetteMode.Record));
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("before-failure"), Token);
            throw new InvalidOperationException("the test failed here");
        });

        Assert.Equal(["http://localhost/before-failure"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task Once_NoCassette_RecordsIt_ThenReplaysIt()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("once.yaml");

        for (int run = 0; run < 2; run++)
        {
            await using var session = CassetteSession.Open(path, In(CassetteMode.Once));
            Assert.Equal(run == 0, session.IsRecording);
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("x"), Token);
        }

        Assert.Single(upstream.Received);
        Assert.Single(CassetteFile.Load(path).Interactions);
    }

    [Fact]
    public async Task NewEpisodes_ReplaysWhatMatches_RecordsAndAppendsTheRest()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("episodes.yaml");
        await RecordAsync(path, upstream, "known");
        string before = await File.ReadAllTextAsync(path, Token);

        await using (var session = CassetteSession.Open(path, In(CassetteMode.NewEpisodes)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("known"), Token);
            await client.GetStringAsync(upstream.Url("unknown"), Token);
        }

        Assert.Equal(["/known", "/unknown"], upstream.Received.Select(r => r.Target));
        string after = await File.ReadAllTextAsync(path, Token);
        Assert.StartsWith(before, after, StringComparison.Ordinal);
        Assert.Equal(["http://localhost/known", "http://localhost/unknown"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task NewEpisodes_SynchronousSendOfABodyReadableOnce_SendsAndRecordsTheWholeBody()
    {
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        string path = PathOf("one-way.yaml");
        await RecordAsync(path, upstream, "known");
        byte[] body = Encoding.UTF8.GetBytes("{\"question\":\"not recorded yet\"}");

        await using (var session = CassetteSession.Open(path, In(CassetteMode.NewEpisodes)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("echo")) { Content = new StreamContent(new OneWayStream(body)) };
            using var response = client.Send(request, Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(body, upstream.Received.Last().Body);
        Assert.Equal(body, CassetteFile.Load(path).Interactions[^1].Request.Body.ToArray());
    }

    [Fact]
    public async Task Record_SaveKilledEarlierLeftATemporaryFile_TheNextSaveDeletesOnlyThatCassettes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("chat.yaml");
        // What a run killed halfway through saving leaves: the next run's session saves chat.yaml.
        string leftover = PathOf(".cassette-tmp-chat.yaml-0f8e4c2ad6a94b1c9e3f5a7b8c9d0e1f");
        string otherCassettes = PathOf(".cassette-tmp-other.yaml-0f8e4c2ad6a94b1c9e3f5a7b8c9d0e1f");
        string lookalike = PathOf(".cassette-tmp-chat.yaml.bak-0f8e4c2ad6a94b1c9e3f5a7b8c9d0e1f");
        string longerName = PathOf(".cassette-tmp-chat.yaml-two.yaml-0f8e4c2ad6a94b1c9e3f5a7b8c9d0e1f");
        foreach (string file in new[] { leftover, otherCassettes, lookalike, longerName })
        {
            await File.WriteAllTextAsync(file, "version: 2\ninteractions:\n    - id: 0\n", Token);
        }

        await RecordAsync(path, upstream, "one");

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(otherCassettes));
        Assert.True(File.Exists(lookalike));
        Assert.True(File.Exists(longerName));
        Assert.Single(CassetteFile.Load(path).Interactions);
    }

    [Fact]
    public async Task NewEpisodes_NothingNew_LeavesTheFileUntouched()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("same.yaml");
        await RecordAsync(path, upstream, "known");
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        await using (var session = CassetteSession.Open(path, In(CassetteMode.NewEpisodes)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("known"), Token);
        }

        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task Passthrough_GoesToTheNetworkAndWritesNothing()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("pass.yaml");

        await using (var session = CassetteSession.Open(path, In(CassetteMode.Passthrough)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("x"), Token);
            Assert.False(session.IsRecording);
        }

        Assert.Single(upstream.Received);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Replay_PassthroughHost_GoesToTheNetworkWhileTheRestIsReplayed()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("passthrough-replay.yaml");
        TestInteractions.NewCassette(TestInteractions.Post("{}", "replayed")).Save(path);
        var options = new CassetteSessionOptions { Mode = CassetteMode.Replay, PassthroughHosts = { "LOCALHOST" } };

        await using var session = CassetteSession.Open(path, options);
        using var client = session.CreateHttpClient(upstream.CreateHandler());
        string live = await client.GetStringAsync(upstream.Url("token"), Token);
        using var replayed = await client.PostAsync(TestInteractions.Url, new StringContent("{}"), Token);

        Assert.Contains("\"target\":\"/token\"", live, StringComparison.Ordinal);
        Assert.Equal("replayed", await replayed.Content.ReadAsStringAsync(Token));
        Assert.Equal(["/token"], upstream.Received.Select(r => r.Target));
        session.VerifyAllPlayed();
    }

    [Fact]
    public async Task Record_PassthroughWhen_SendsThoseRequestsButRecordsOnlyTheOthers()
    {
        // Kestrel: the synchronous Send reaches a real socket.
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        string path = PathOf("passthrough-record.yaml");
        var options = new CassetteSessionOptions
        {
            Mode = CassetteMode.Record,
            PassthroughWhen = request => request.RequestUri!.AbsolutePath == "/oauth/token",
        };

        await using (var session = CassetteSession.Open(path, options))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("oauth/token"), Token);
            await client.GetStringAsync(upstream.Url("v1/models"), Token);
            client.Send(new HttpRequestMessage(HttpMethod.Get, upstream.Url("oauth/token?sync=1")), Token).Dispose();
        }

        Assert.Equal(3, upstream.Received.Count);
        Assert.Equal([upstream.Url("v1/models").AbsoluteUri], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task Replay_RequestNotInTheCassette_ThrowsMismatchAndNeverTouchesTheNetwork()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("r.yaml");
        await RecordAsync(path, upstream, "known");

        await using var session = CassetteSession.Open(path, In(CassetteMode.Replay));
        using var client = session.CreateHttpClient(upstream.CreateHandler());

        await Assert.ThrowsAsync<CassetteMismatchException>(() => client.GetStringAsync(upstream.Url("unknown"), Token));
        Assert.Single(upstream.Received);
    }

    [Fact]
    public async Task VerifyAllPlayed_UnplayedInteractions_ThrowsListingThem()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("unplayed.yaml");
        await RecordAsync(path, upstream, "played", "not-played");

        await using var session = CassetteSession.Open(path, In(CassetteMode.Replay));
        using (var client = session.CreateHttpClient())
        {
            await client.GetStringAsync(upstream.Url("played"), Token);
        }

        Assert.Equal(["http://localhost/not-played"], session.UnplayedInteractions.Select(i => i.Request.Url));
        var e = Assert.Throws<CassetteUnplayedException>(session.VerifyAllPlayed);
        Assert.Equal([1], e.UnplayedIds);
        Assert.Equal(path, e.CassettePath);
    }

    [Fact]
    public async Task Dispose_UnplayedInteractions_NeverThrows()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("unplayed-ok.yaml");
        await RecordAsync(path, upstream, "a", "b");

        var session = CassetteSession.Open(path, In(CassetteMode.Replay));
        session.Dispose();
        await session.DisposeAsync();

        Assert.Equal(2, session.UnplayedInteractions.Count);
    }

    [Fact]
    public async Task Dispose_MismatchInsideTheTest_TheMismatchIsTheErrorTheTestSees()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("masked.yaml");
        await RecordAsync(path, upstream, "recorded", "also-recorded");

        // The README's pattern: a mismatch inside the test, then the session is disposed.
        var e = await Assert.ThrowsAsync<CassetteMismatchException>(async () =>
        {
            await using var session = CassetteSession.Open(path, In(CassetteMode.Replay));
            using var client = session.CreateHttpClient();
            await client.GetStringAsync(upstream.Url("changed"), Token);
            session.VerifyAllPlayed();
        });

        Assert.Contains("No recorded interaction matches the request GET http://localhost/changed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHandler_AfterDispose_Throws()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var session = CassetteSession.Open(PathOf("d.yaml"), In(CassetteMode.Record));
        await session.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => session.CreateHandler());
    }

    [Fact]
    public async Task BeforeReplay_ChangesTheReplayedResponseButNotTheFile()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("hook.yaml");
        await RecordAsync(path, upstream, "x");
        string before = await File.ReadAllTextAsync(path, Token);
        var options = new CassetteSessionOptions
        {
            Mode = CassetteMode.Replay,
            Replay = new ReplayOptions { BeforeReplay = i => i with { Response = i.Response with { Body = Encoding.UTF8.GetBytes("patched") } } },
        };

        await using (var session = CassetteSession.Open(path, options))
        {
            using var client = session.CreateHttpClient();
            Assert.Equal("patched", await client.GetStringAsync(upstream.Url("x"), Token));
        }

        Assert.Equal(before, await File.ReadAllTextAsync(path, Token));
    }

    [Fact]
    public async Task Redacted_QueryParameterAndJsonValue_StillMatchOnReplayWithNoOptions()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => context.Response.WriteAsync("{\"ok\":true}", Token);
        string path = PathOf("key.yaml");

        async Task<string> CallAsync(HttpClient client)
        {
            using var content = new StringContent("""{"user":"alice","q":1}""", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(upstream.Url("v1/generate?alt=sse&key=AIza-real-secret"), content, Token);
            return await response.Content.ReadAsStringAsync(Token);
        }

        string live;
        var recording = new CassetteSessionOptions
        {
            Mode = CassetteMode.Record,
            Recording = new RecordingOptions { RedactedQueryParameters = { "key" }, RedactedJsonPaths = { "$.user" } },
        };
        await using (var session = CassetteSession.Open(path, recording))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            live = await CallAsync(client);
        }

        string text = await File.ReadAllTextAsync(path, Token);
        Assert.DoesNotContain("AIza-real-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", text, StringComparison.Ordinal);
        await using (var session = CassetteSession.Open(path, In(CassetteMode.Replay)))
        {
            using var client = session.CreateHttpClient();
            Assert.Equal(live, await CallAsync(client));
        }
    }

    [Fact]
    public async Task Record_LayoutOfTheReplacedFile_IsKept()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("layout.yaml");
        await using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record, Layout = CassetteLayout.Compact2 }))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("old"), Token);
        }

        Assert.Equal(CassetteLayout.Compact2, CassetteFile.Load(path).Layout);
        await RecordAsync(path, upstream, "x");

        Assert.Equal(CassetteLayout.Compact2, CassetteFile.Load(path).Layout);
    }

    [Theory]
    [InlineData(CassetteMode.Record)]
    [InlineData(CassetteMode.NewEpisodes)]
    public async Task Record_OverAGoVcrV3Cassette_WritesEveryFieldAsGoVcrV3Does(CassetteMode mode)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("v3.yaml");
        File.Copy(Fixtures.FromRelative(Fixtures.GoVcrV3Recordings + "TestUserInfo.yaml"), path);
        string original = await File.ReadAllTextAsync(path, Token);

        await using (var session = CassetteSession.Open(path, In(mode)))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("new"), Token);
        }

        string text = await File.ReadAllTextAsync(path, Token);
        var saved = CassetteFile.Parse(text);
        Assert.Equal(CassetteDialect.EveryField, saved.Dialect);
        Assert.Equal(CassetteLayout.Indented4, saved.Layout);
        Assert.Equal(mode == CassetteMode.NewEpisodes ? 2 : 1, saved.Interactions.Count);
        Assert.Equal(mode == CassetteMode.NewEpisodes, text.StartsWith(original, StringComparison.Ordinal));
        Assert.Contains("""
                    transfer_encoding: []
                    trailer: {}
                    host: ""
                    remote_addr: ""
                    request_uri: ""
                    body: ""
                    form: {}
            """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new CassetteSessionOptions();

        Assert.Null(options.Mode);
        Assert.NotNull(options.Recording);
        Assert.True(options.Recording.RemovedHeaders.SetEquals(RecordingOptions.CredentialHeaders));
        Assert.NotNull(options.Replay);
        Assert.Equal(["method", "URL", "body"], options.Replay.Matchers.Select(m => m.ToString()));
        Assert.Empty(options.PassthroughHosts);
        Assert.Null(options.PassthroughWhen);
        Assert.Null(options.Layout);
    }

    [Theory]
    [InlineData(CassetteMode.Record)]
    [InlineData(CassetteMode.NewEpisodes)]
    [InlineData(CassetteMode.Once)]
    public async Task Open_SameFileRecordedByAnotherSession_ThrowsInUseAndLeavesTheFirstOneWhole(CassetteMode secondMode)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("shared.yaml");
        await using (var first = CassetteSession.Open(path, In(CassetteMode.Record)))
        {
            using var client = first.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("first"), Token);

            var e = Assert.Throws<CassetteInUseException>(() => CassetteSession.Open(path, In(secondMode)));

            Assert.Equal(path, e.CassettePath);
            Assert.Contains("Give each test its own cassette file", e.Message, StringComparison.Ordinal);
        }

        Assert.Single(CassetteFile.Load(path).Interactions);
        Assert.Empty(Directory.GetFiles(_folder, ".cassette-lock-*"));
        await using var again = CassetteSession.Open(path, In(CassetteMode.NewEpisodes));
        Assert.True(again.IsRecording);
    }

    [Fact]
    public async Task Open_SameFileReplayedWhileRecorded_IsAllowed()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("replayed.yaml");
        await RecordAsync(path, upstream, "a");
        await using var recorder = CassetteSession.Open(path, In(CassetteMode.NewEpisodes));

        await using var reader = CassetteSession.Open(path, In(CassetteMode.Replay));

        Assert.False(reader.IsRecording);
    }

    [Fact]
    public async Task NewEpisodes_OldCassetteWithCredentials_RemovesThemOnSaveWithAWarning()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = PathOf("old-secrets.yaml");
        await RecordAsync(path, upstream, "old");
        var old = CassetteFile.Load(path);
        var leaked = old.Interactions[0];
        old.Interactions = [leaked with
        {
            Request = leaked.Request with
            {
                Headers = new Dictionary<string, IReadOnlyList<string>>(leaked.Request.Headers)
                {
                    ["Authorization"] = ["Bearer sk-proj-0123456789abcdefghijklmnop"],
                    ["X-Trace"] = ["kept"],
                },
            },
            Response = leaked.Response with
            {
                Headers = new Dictionary<string, IReadOnlyList<string>>(leaked.Response.Headers) { ["Set-Cookie"] = ["session=secret-cookie"] },
            },
        }];
        old.Save(path);
        var warnings = new List<string>();
        var options = new CassetteSessionOptions { Mode = CassetteMode.NewEpisodes, Recording = new RecordingOptions { OnWarning = warnings.Add } };

        await using (var session = CassetteSession.Open(path, options))
        {
            using var client = session.CreateHttpClient(upstream.CreateHandler());
            await client.GetStringAsync(upstream.Url("old"), Token);
            await client.GetStringAsync(upstream.Url("new"), Token);
        }

        string text = await File.ReadAllTextAsync(path, Token);
        Assert.DoesNotContain("sk-proj", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-cookie", text, StringComparison.Ordinal);
        Assert.Contains("kept", text, StringComparison.Ordinal);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
        string warning = Assert.Single(warnings);
        Assert.Contains("request header Authorization", warning, StringComparison.Ordinal);
        Assert.Contains("response header Set-Cookie", warning, StringComparison.Ordinal);
    }
}
