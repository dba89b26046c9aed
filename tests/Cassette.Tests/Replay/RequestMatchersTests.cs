using System.Net.Http.Headers;
using System.Text;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Cassette.Tests.Support.TestInteractions;

namespace Cassette.Tests.Replay;

/// <summary>Matching composed from <see cref="RequestMatchers"/>: relaxed, tightened, or made of your own parts.</summary>
public sealed class RequestMatchersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> PostAsync(HttpClient http, HttpContent content, string url = Url)
    {
        using var response = await http.PostAsync(url, content, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task Matchers_WithoutTheBodyMatcher_MultipartWithAnotherFieldValueMatches()
    {
        using var recorded = new MultipartFormDataContent("recorded-boundary-7f3a") { { new StringContent("whisper-1"), "model" } };
        var interaction = Post(await recorded.ReadAsStringAsync(Ct), "transcribed");
        interaction = interaction with { Request = interaction.Request with { Headers = Headers(("Content-Type", recorded.Headers.ContentType!.ToString())) } };
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url()] };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));
        using var strict = new HttpClient(new ReplayingHandler(NewCassette(interaction)));

        using var live = new MultipartFormDataContent { { new StringContent("gpt-4o-transcribe"), "model" } };
        using var again = new MultipartFormDataContent { { new StringContent("gpt-4o-transcribe"), "model" } };

        Assert.Equal("transcribed", await PostAsync(http, live));
        await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(strict, again));
    }

    [Fact]
    public async Task Custom_DecidesWithTheOthers_AndIsNamedInTheReport()
    {
        var tenant = RequestMatchers.Custom("tenant id", (live, recorded) =>
            string.Join(",", live.Headers.GetValueOrDefault("X-Tenant") ?? []) == string.Join(",", recorded.Headers.GetValueOrDefault("X-Tenant") ?? []));
        var interaction = Post("{}", "for acme");
        interaction = interaction with { Request = interaction.Request with { Headers = Headers(("Content-Type", "application/json"), ("X-Tenant", "acme")) } };
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body(), tenant] };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));
        using var other = Request("{}");
        other.Headers.Add("X-Tenant", "globex");
        using var acme = Request("{}");
        acme.Headers.Add("X-Tenant", "acme");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(other, Ct));
        using var response = await http.SendAsync(acme, Ct);

        Assert.Contains("(matched by method, URL, body, tenant id)", error.Message, StringComparison.Ordinal);
        Assert.Contains("method passed, URL passed, body passed, tenant id FAILED", error.Message, StringComparison.Ordinal);
        Assert.Equal("for acme", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public void Ctor_BodyMatcherAddedToTheDefaults_ThrowsSayingToAssignTheList()
    {
        var options = new ReplayOptions();
        options.Matchers.Add(RequestMatchers.Body("$.stream_options"));

        var error = Assert.Throws<ArgumentException>(() => new ReplayingHandler(NewCassette(), options));

        Assert.Contains("holds 2 matchers of one kind (\"body\", \"body ignoring JSON paths \"$.stream_options\"\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("Assign the whole list instead of adding to the default one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NullMatcher_Throws()
    {
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), null!] };

        Assert.Throws<ArgumentException>(() => new ReplayingHandler(NewCassette(), options));
    }

    [Fact]
    public void Factories_DescribeThemselves()
    {
        Assert.Equal("method", RequestMatchers.Method().ToString());
        Assert.Equal("URL ignoring query parameters \"a\", \"key\"", RequestMatchers.Url("key", "a").ToString());
        Assert.Equal("body ignoring JSON paths \"$.x\", \"$..y\"", RequestMatchers.Body("$.x", "$..y").ToString());
        Assert.Equal("header \"X-Tenant\"", RequestMatchers.Header("X-Tenant").ToString());
        Assert.Throws<ArgumentException>(() => RequestMatchers.Header(" "));
        Assert.Throws<ArgumentException>(() => RequestMatchers.Custom("", (_, _) => true));
    }

    [Fact]
    public async Task RecordedByARecordingHandlerWithRedactions_ReplaysThroughAReplayingHandlerWithNoOptions()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => context.Response.WriteAsync("{\"answer\":42}", Ct);
        var cassette = new CassetteFile();
        var recording = new RecordingOptions { RedactedQueryParameters = { "key" }, RedactedJsonPaths = { "$.user", "$.messages[*].api_key" } };
        using (var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler(), recording)))
        {
            await PostAsync(client, Json("""{"user":"alice@example.test","messages":[{"content":"q","api_key":"sk-live-0123456789abcdefghij"}]}"""),
                upstream.Url("v1/ask?alt=sse&key=AIza-live-secret").AbsoluteUri);
        }

        using var http = new HttpClient(new ReplayingHandler(cassette));
        string replayed = await PostAsync(http, Json("""{"messages":[{"api_key":"sk-other-0123456789abcdefghij","content":"q"}],"user":"bob@example.test"}"""),
            upstream.Url("v1/ask?key=another-key&alt=sse").AbsoluteUri);
        using var strict = new HttpClient(new ReplayingHandler(cassette));
        var changed = await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(strict,
            Json("""{"messages":[{"api_key":"x","content":"a changed question"}],"user":"bob@example.test"}"""),
            upstream.Url("v1/ask?key=another-key&alt=sse").AbsoluteUri));

        Assert.Equal("{\"answer\":42}", replayed);
        Assert.Contains("URL ignoring query parameters \"key\"", changed.Message, StringComparison.Ordinal);
        Assert.Contains("body ignoring JSON paths \"$.user\", \"$.messages[0].api_key\" FAILED", changed.Message, StringComparison.Ordinal);
        Assert.Contains("first difference at $.messages[0].content", changed.Message, StringComparison.Ordinal);
    }

    // An Ollama /api/chat request after a tool call, with the tool message as OllamaSharp's
    // IChatClient writes it: a JSON string holding the client's random CallId and the result.
    private static string ToolTurn(string toolContent, string question = "Weather in Paris?") =>
        """{"model":"llama3.2","messages":[{"role":"user","content":""" + JsonString(question)
        + """},{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},{"role":"tool","content":"""
        + JsonString(toolContent) + """}],"stream":false}""";

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public async Task Body_PathIntoJsonHeldInAString_IgnoresOnlyThatValue()
    {
        var interaction = Post(ToolTurn("""{"CallId":"4dbcdcec","Result":"40 C"}"""), "answered");
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body("$.messages[*].content#.CallId")] };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));
        using var strict = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));
        using var other = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));

        string replayed = await PostAsync(http, Json(ToolTurn("""{ "Result": "40 C", "CallId": "9a0b7c1e" }""")));
        var result = await Assert.ThrowsAsync<CassetteMismatchException>(() =>
            PostAsync(strict, Json(ToolTurn("""{"CallId":"9a0b7c1e","Result":"41 C"}"""))));
        var question = await Assert.ThrowsAsync<CassetteMismatchException>(() =>
            PostAsync(other, Json(ToolTurn("""{"CallId":"9a0b7c1e","Result":"40 C"}""", "Weather in Rome?"))));

        Assert.Equal("answered", replayed);
        Assert.Contains("first difference at $.messages[2].content#.Result", result.Message, StringComparison.Ordinal);
        Assert.Contains("RequestMatchers.Body(\"$.messages[2].content#.Result\")] ignores the value that differs", result.Message, StringComparison.Ordinal);
        Assert.Contains("first difference at $.messages[0].content", question.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"CallId":"4dbcdcec","Result":"40 C"} and more""", """{"CallId":"9a0b7c1e","Result":"40 C"} and more""", false)]
    [InlineData("""{"CallId":"4dbcdcec","Result":"40 C"} and more""", """{"CallId":"4dbcdcec","Result":"40 C"} and more""", true)]
    [InlineData("""{"CallId":"4dbcdcec","Result":"40 C"}""", """ {"CallId":"9a0b7c1e","Result":"40 C"}""" + "\n", true)]
    [InlineData("40 C", "40 C ", false)]
    [InlineData("40 C", "40 C", true)]
    [InlineData("[1, 2.0]", "[1,2]", true)]
    [InlineData("[1, 2]", "[2, 1]", false)]
    public async Task Body_PathIntoAString_ComparesJsonAsJsonAndAnyOtherStringAsItIs(string recorded, string live, bool matches)
    {
        var interaction = Post(ToolTurn(recorded), "answered");
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body("$.messages[*].content#.CallId")] };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));

        if (matches)
        {
            Assert.Equal("answered", await PostAsync(http, Json(ToolTurn(live))));
        }
        else
        {
            await Assert.ThrowsAsync<CassetteMismatchException>(() => PostAsync(http, Json(ToolTurn(live))));
        }
    }

    [Fact]
    public async Task Body_PathThroughArraysInsideAndAroundTheString_IgnoresEachSelectedValue()
    {
        const string Path = "$.messages[*].content#.results[*].CallId";
        var interaction = Post(ToolTurn("""{"results":[{"CallId":"4dbcdcec","Result":"40 C"},{"CallId":"77aa01ff","Result":"12 C"}]}"""), "answered");
        var options = new ReplayOptions { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body(Path)] };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));
        using var strict = new HttpClient(new ReplayingHandler(NewCassette(interaction), options));

        string replayed = await PostAsync(http, Json(ToolTurn("""{"results":[{"CallId":"0","Result":"40 C"},{"Result":"12 C","CallId":"1"}]}""")));
        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() =>
            PostAsync(strict, Json(ToolTurn("""{"results":[{"CallId":"0","Result":"40 C"},{"CallId":"1","Result":"13 C"}]}"""))));

        Assert.Equal("answered", replayed);
        Assert.Contains("first difference at $.messages[2].content#.results[1].Result", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordedWithARedactedPathIntoAString_WritesRedactedInsideIt_AndReplaysWithNoOptions()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => context.Response.WriteAsync("{\"done\":true}", Ct);
        var cassette = new CassetteFile();
        var recording = new RecordingOptions { RedactedJsonPaths = { "$.messages[*].content#.CallId" } };
        using (var client = new HttpClient(new RecordingHandler(cassette, upstream.CreateHandler(), recording)))
        {
            await PostAsync(client, Json(ToolTurn("""{ "CallId": "4dbcdcec", "Result": "40 C" }""")), upstream.Url("api/chat").AbsoluteUri);
        }

        var recorded = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(cassette.Interactions).Request.Body.Span)!;
        using var http = new HttpClient(new ReplayingHandler(cassette));
        string replayed = await PostAsync(http, Json(ToolTurn("""{"CallId":"9a0b7c1e","Result":"40 C"}""")), upstream.Url("api/chat").AbsoluteUri);
        using var strict = new HttpClient(new ReplayingHandler(cassette));
        var changed = await Assert.ThrowsAsync<CassetteMismatchException>(() =>
            PostAsync(strict, Json(ToolTurn("""{"CallId":"9a0b7c1e","Result":"41 C"}""")), upstream.Url("api/chat").AbsoluteUri));

        Assert.Equal("""{"CallId":"REDACTED","Result":"40 C"}""", (string?)recorded["messages"]![2]!["content"]);
        Assert.Equal("Weather in Paris?", (string?)recorded["messages"]![0]!["content"]);
        Assert.Equal("""{"done":true}""", replayed);
        Assert.Contains("body ignoring JSON paths \"$.messages[2].content#.CallId\" FAILED", changed.Message, StringComparison.Ordinal);
        Assert.Contains("first difference at $.messages[2].content#.Result", changed.Message, StringComparison.Ordinal);
    }

    private static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
