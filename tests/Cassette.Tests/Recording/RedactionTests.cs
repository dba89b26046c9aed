using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Recording;

/// <summary>What <see cref="RecordingOptions"/> removes or rewrites before an interaction is recorded.</summary>
public sealed class RedactionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<Interaction> RecordOneAsync(FakeUpstream upstream, RecordingOptions options, Func<HttpRequestMessage> request)
    {
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler(), options));
        using var message = request();
        using var response = await client.SendAsync(message, Token);
        await response.Content.ReadAsByteArrayAsync(Token);
        return Assert.Single(cassette.Interactions);
    }

    private static HttpRequestMessage Chat(FakeUpstream upstream, bool stream = false)
    {
        string json = $$"""{"model":"fake-model","user":"alice@example.test","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";
        var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("v1/chat/completions")) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-live-123456");
        request.Headers.TryAddWithoutValidation("api-key", "azure-secret");
        request.Headers.TryAddWithoutValidation("x-goog-api-key", "goog-secret");
        request.Headers.TryAddWithoutValidation("Cookie", "a=b");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.ParseAdd("OpenAI/2.15.0 (.NET 10.0; Linux)");
        request.Headers.TryAddWithoutValidation("X-Stainless-Lang", "csharp");
        return request;
    }

    [Fact]
    public async Task Default_CredentialHeaders_AreDroppedFromRequestAndResponse()
    {
        await using var upstream = await FakeUpstream.StartAsync();

        var interaction = await RecordOneAsync(upstream, new RecordingOptions(), () => Chat(upstream));

        Assert.Equal(["Accept", "Content-Type", "User-Agent", "X-Stainless-Lang"], interaction.Request.Headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["OpenAI/2.15.0 (.NET 10.0; Linux)"], interaction.Request.Headers["User-Agent"]);
        Assert.False(interaction.Response.Headers.ContainsKey("Set-Cookie"));
        Assert.True(interaction.Response.Headers.ContainsKey("X-Request-Id"));
        // The upstream itself got every header: only the recording is filtered.
        Assert.Equal("Bearer sk-live-123456", Assert.Single(upstream.Received).Headers["Authorization"]);
    }

    [Fact]
    public async Task Save_BearerTokenAndSetCookie_NeverReachTheFile()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string folder = Directory.CreateTempSubdirectory("cassette-secrets-").FullName;
        try
        {
            string path = Path.Combine(folder, "secrets.yaml");
            var cassette = new CassetteFile();
            var handler = new RecordingHandler(cassette, upstream.CreateHandler());
            using (var client = new HttpClient(handler))
            {
                using var request = Chat(upstream, stream: true);
                using var response = await client.SendAsync(request, Token);
                Assert.Contains("s3cr3t-cookie", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
                await handler.FlushAsync(Token);
            }

            cassette.Save(path);
            string text = await File.ReadAllTextAsync(path, Token);

            Assert.Contains("X-Stainless-Lang", text, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-live-123456", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Bearer", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Set-Cookie", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("s3cr3t-cookie", text, StringComparison.Ordinal);
            Assert.DoesNotContain("azure-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("goog-secret", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task KeptHeaders_AsTheCorpusWasRecorded_KeepsOnlyThoseInBothDirections()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var options = new RecordingOptions { KeptHeaders = { "accept", "Content-Type", "User-Agent" } };

        var interaction = await RecordOneAsync(upstream, options, () => Chat(upstream));

        Assert.Equal(["Accept", "Content-Type", "User-Agent"], interaction.Request.Headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Content-Type"], interaction.Response.Headers.Keys);
    }

    [Fact]
    public async Task RemovedHeaders_MoreNames_AreRemovedToo()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var options = new RecordingOptions();
        options.RemovedHeaders.Add("x-stainless-lang");
        options.RemovedHeaders.Add("X-Request-Id");

        var interaction = await RecordOneAsync(upstream, options, () => Chat(upstream));

        Assert.False(interaction.Request.Headers.ContainsKey("X-Stainless-Lang"));
        Assert.False(interaction.Response.Headers.ContainsKey("X-Request-Id"));
    }

    [Fact]
    public async Task RedactedQueryParameters_ReplacesTheValueInUrlAndForm()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var options = new RecordingOptions();
        options.RedactedQueryParameters.Add("key");

        var interaction = await RecordOneAsync(upstream, options,
            () => new HttpRequestMessage(HttpMethod.Get, upstream.Url("v1beta/models/gemini:streamGenerateContent?alt=sse&key=AIza-secret")));

        Assert.Equal("http://localhost/v1beta/models/gemini:streamGenerateContent?alt=sse&key=REDACTED", interaction.Request.Url);
        Assert.Equal(["REDACTED"], interaction.Request.Form["key"]);
        Assert.Equal(["sse"], interaction.Request.Form["alt"]);
        Assert.Equal("/v1beta/models/gemini:streamGenerateContent?alt=sse&key=AIza-secret", Assert.Single(upstream.Received).Target);
    }

    [Fact]
    public async Task RedactedQueryParameters_FormBody_RedactsTheBodyAsWellAsTheForm()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var options = new RecordingOptions { RedactedQueryParameters = { "client_secret" } };
        const string Form = "grant_type=client_credentials&client_id=app&client_secret=s3cr3t-value";

        var interaction = await RecordOneAsync(upstream, options, () => new HttpRequestMessage(HttpMethod.Post, upstream.Url("oauth/token"))
        {
            Content = new StringContent(Form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        Assert.Equal("grant_type=client_credentials&client_id=app&client_secret=REDACTED", Encoding.UTF8.GetString(interaction.Request.Body.Span));
        Assert.Equal(interaction.Request.Body.Length, interaction.Request.ContentLength);
        Assert.Equal(["REDACTED"], interaction.Request.Form["client_secret"]);
        Assert.Equal(Form, Encoding.UTF8.GetString(Assert.Single(upstream.Received).Body));
    }

    [Fact]
    public async Task FlushAsync_CredentialLeftInABody_WarnsBeforeItIsSaved()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => context.Response.WriteAsync("{\"ok\":true}", Token);
        var warnings = new List<string>();
        var cassette = new CassetteFile();
        var handler = new RecordingHandler(cassette, upstream.CreateHandler(), new RecordingOptions { OnWarning = warnings.Add });
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url("v1/chat/completions"))
        {
            Content = new StringContent("{\"api_key\":\"sk-proj-abcdefghijklmnopqrstuvwxyz012345\"}", Encoding.UTF8, "application/json"),
        };
        using (var response = await client.SendAsync(request, Token))
        {
            await response.Content.ReadAsStringAsync(Token);
        }

        Assert.Empty(warnings);
        await handler.FlushAsync(Token);

        string warning = Assert.Single(warnings);
        Assert.StartsWith("The interaction POST http://localhost/v1/chat/completions holds what looks like a credential (sk-p… in the request body)", warning, StringComparison.Ordinal);
        Assert.Contains("RedactedJsonPaths", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghij", warning, StringComparison.Ordinal);
        await handler.FlushAsync(Token);
        Assert.Single(warnings);
    }

    [Fact]
    public async Task RedactedJsonPaths_JsonRequestAndResponse_RedactsTheValuesAndFixesTheLengths()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var options = new RecordingOptions { RedactedJsonPaths = { "$.user", "$.choices[*].message.content", "$..prompt_tokens" } };

        var interaction = await RecordOneAsync(upstream, options, () => Chat(upstream));

        var request = JsonNode.Parse(interaction.Request.Body.Span)!;
        Assert.Equal("REDACTED", (string?)request["user"]);
        Assert.Equal("hi", (string?)request["messages"]![0]!["content"]);
        Assert.Equal(interaction.Request.Body.Length, interaction.Request.ContentLength);
        var response = JsonNode.Parse(interaction.Response.Body.Span)!;
        Assert.Equal("REDACTED", (string?)response["choices"]![0]!["message"]!["content"]);
        Assert.Equal("REDACTED", (string?)response["usage"]!["prompt_tokens"]);
        Assert.Equal(9, (int)response["usage"]!["completion_tokens"]!);
        Assert.Equal(interaction.Response.Body.Length, interaction.Response.ContentLength);
    }

    [Fact]
    public async Task RedactedJsonPaths_ServerSentEvents_RedactsEachDataLine()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var options = new RecordingOptions { RedactedJsonPaths = { "$.id", "$.created" } };

        var interaction = await RecordOneAsync(upstream, options, () => Chat(upstream, stream: true));

        string expected = FakeUpstream.SseBody(FakeUpstream.AnswerEvents)
            .Replace("\"chatcmpl-1\"", "\"REDACTED\"", StringComparison.Ordinal)
            .Replace("\"created\":1700000000", "\"created\":\"REDACTED\"", StringComparison.Ordinal);
        Assert.Equal(expected, Encoding.UTF8.GetString(interaction.Response.Body.Span));
        Assert.Equal(-1, interaction.Response.ContentLength);
    }

    [Fact]
    public async Task RedactedJsonPaths_NoPathMatches_KeepsTheExactBytes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var options = new RecordingOptions { RedactedJsonPaths = { "$.nothing.here" } };
        string json = "{ \"spaced\" : \"\\u00e9\" }";

        var interaction = await RecordOneAsync(upstream, options, () => new HttpRequestMessage(HttpMethod.Post, upstream.Url("echo"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

        Assert.Equal(json, Encoding.UTF8.GetString(interaction.Request.Body.Span));
    }

    [Fact]
    public void RedactedJsonPaths_UnsupportedPath_ThrowsWhenTheHandlerIsCreated()
    {
        var options = new RecordingOptions { RedactedJsonPaths = { "user" } };

        var e = Assert.Throws<ArgumentException>(() => new RecordingHandler(new CassetteFile(), options: options));
        Assert.Contains("\"user\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeRecord_SeesTheFilteredInteraction_AndCanChangeOrDropIt()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var seen = new List<Interaction>();
        var options = new RecordingOptions
        {
            BeforeRecord = i =>
            {
                seen.Add(i);
                return i.Request.Url.EndsWith("/drop", StringComparison.Ordinal)
                    ? null
                    : i with { Response = i.Response with { Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Hooked"] = ["yes"] } } };
            },
        };
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler(), options)) { BaseAddress = upstream.BaseAddress };
        using var request = Chat(upstream);

        using var response = await client.SendAsync(request, Token);
        await response.Content.ReadAsStringAsync(Token);
        await client.GetStringAsync("drop", Token);

        Assert.Equal(2, seen.Count);
        Assert.False(seen[0].Request.Headers.ContainsKey("Authorization"));
        var kept = Assert.Single(cassette.Interactions);
        Assert.Equal(["yes"], kept.Response.Headers["X-Hooked"]);
    }
}
