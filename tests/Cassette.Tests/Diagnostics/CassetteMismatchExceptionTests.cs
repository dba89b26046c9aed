using System.Text;
using System.Text.Json.Nodes;
using Cassette.Tests.Support;

namespace Cassette.Tests.Diagnostics;

public sealed class CassetteMismatchExceptionTests
{
    [Fact]
    public async Task Message_ChangedUserMessage_ExplainsTheNearestMissWithADiffAndTheFix()
    {
        string path = Fixtures.Seed("tool_streaming_kimi-k2_chutes.yaml");
        var cassette = CassetteFile.Load(path);
        var recorded = cassette.Interactions[0].Request;
        var body = JsonNode.Parse(recorded.Body.Span)!;
        string recordedQuestion = body["messages"]![1]!["content"]!.GetValue<string>();
        body["messages"]![1]!["content"] = "What's the weather in Paris?";
        using var http = new HttpClient(new ReplayingHandler(cassette));
        using var request = new HttpRequestMessage(HttpMethod.Post, recorded.Url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(request, TestContext.Current.CancellationToken));

        string message = error.Message;
        Assert.Equal(path, error.CassettePath);
        Assert.Equal("POST", error.Request.Method);
        Assert.StartsWith(
            $"No recorded interaction matches the request POST {recorded.Url} in cassette \"{path}\" (2 interactions, 0 played).",
            message,
            StringComparison.Ordinal);
        Assert.Contains("Nearest recorded interactions (matched by method, URL, body):", message, StringComparison.Ordinal);
        Assert.Contains($"  1. interaction 0, POST {recorded.Url} (not played): method passed, URL passed, body FAILED", message, StringComparison.Ordinal);
        Assert.Contains("  2. interaction 1,", message, StringComparison.Ordinal);
        Assert.Contains("first difference at $.messages[1].content:", message, StringComparison.Ordinal);
        Assert.Contains("--- interaction 0 (recorded)\n+++ request\n@@ ", message, StringComparison.Ordinal);
        Assert.Contains($"\n-      \"content\": \"{recordedQuestion}\",\n", message, StringComparison.Ordinal);
        Assert.Contains("\n+      \"content\": \"What's the weather in Paris?\",\n", message, StringComparison.Ordinal);
        Assert.EndsWith(
            "How to fix it: if the request changed on purpose, re-record the cassette with CASSETTE_MODE=record; "
            + "if the difference does not matter, leave it out of matching through ReplayOptions.Matchers "
            + "(Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body(\"$.messages[1].content\")] ignores the value that differs).",
            message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_BodyIsNotJson_ShowsATextDiff()
    {
        using var http = new HttpClient(new ReplayingHandler(TestInteractions.NewCassette(TestInteractions.Post("a\nb\nc\n", "ok"))));
        using var request = TestInteractions.Request("a\nB\nc\n");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Contains("Body of interaction 0 (-) against the request (+):\n", error.Message, StringComparison.Ordinal);
        Assert.Contains(" a\n-b\n+B\n c\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_EmptyCassette_SaysSoAndHowToRecord()
    {
        using var http = new HttpClient(new ReplayingHandler(TestInteractions.NewCassette()));
        using var request = TestInteractions.Request("{}");

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Contains("in the cassette (not loaded from a file) (0 interactions, 0 played)", error.Message, StringComparison.Ordinal);
        Assert.Contains("The cassette has no interactions. To fix it, re-record the cassette with CASSETTE_MODE=record.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_SynchronousMismatch_ThrowsTheSameException()
    {
        using var http = new HttpClient(new ReplayingHandler(TestInteractions.NewCassette(TestInteractions.Post("""{"a":1}""", "ok"))));
        using var request = TestInteractions.Request("""{"a":2}""");

        var error = Assert.Throws<CassetteMismatchException>(() => http.Send(request, TestContext.Current.CancellationToken));

        Assert.Contains("first difference at $.a", error.Message, StringComparison.Ordinal);
    }
}
