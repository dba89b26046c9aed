using System.Text.Json.Nodes;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using OllamaSharp;

namespace Cassette.Tests.Matching;

/// <summary>
/// OllamaSharp's <see cref="IChatClient"/> makes up a CallId for each tool call and sends it back
/// inside the tool message's content, a JSON string: a path into that string ignores just the id.
/// </summary>
public sealed class OllamaSharpToolLoopTests : IDisposable
{
    private const string ToolCallReply =
        """{"model":"llama3.2","created_at":"2026-12-04T20:00:00.000000Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done_reason":"stop","done":true,"total_duration":812345678,"load_duration":1234567,"prompt_eval_count":142,"prompt_eval_duration":234567890,"eval_count":18,"eval_duration":345678901}""";

    private const string AnswerReply =
        """{"model":"llama3.2","created_at":"2026-12-04T20:00:01.000000Z","message":{"role":"assistant","content":"It is 40 C in Paris."},"done_reason":"stop","done":true,"total_duration":512345678,"load_duration":1234567,"prompt_eval_count":171,"prompt_eval_duration":134567890,"eval_count":9,"eval_duration":245678901}""";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cassette-ollama-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(ChatResponse Response, List<string> Cities)> AskAsync(HttpClient http)
    {
        var cities = new List<string>();
        using var ollama = new OllamaApiClient(http, "llama3.2");
        using var chat = new ChatClientBuilder(ollama).UseFunctionInvocation().Build();
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => { cities.Add(city); return "40 C"; }, "get_weather", "The temperature in a city.")],
        };

        var response = await chat.GetResponseAsync("Weather in Paris?", options, Token);
        return (response, cities);
    }

    private static async Task<string> RecordAsync(string path)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            var request = JsonNode.Parse(upstream.Received.Last().Body);
            bool answered = request!["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync((answered ? AnswerReply : ToolCallReply) + "\n", Token);
        };

        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record });
        using var http = session.CreateHttpClient(upstream.CreateHandler());
        http.BaseAddress = upstream.BaseAddress;
        var (response, cities) = await AskAsync(http);
        Assert.Equal("It is 40 C in Paris.", response.Text);
        Assert.Equal(["Paris"], cities);
        return upstream.BaseAddress.AbsoluteUri;
    }

    private static CassetteSession Replay(string path, params IRequestMatcher[] body) => CassetteSession.Open(path, new CassetteSessionOptions
    {
        Mode = CassetteMode.Replay,
        Replay = { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), .. body] },
    });

    [Fact]
    public async Task ToolLoop_ReplayedWithAPathIntoTheToolMessage_MatchesWhateverCallIdTheClientMakesUp()
    {
        string path = Path.Combine(_folder, "weather.yaml");
        string baseAddress = await RecordAsync(path);

        var recorded = CassetteFile.Load(path).Interactions;
        string toolContent = (string)JsonNode.Parse(recorded[1].Request.Body.Span)!["messages"]!.AsArray()
            .Single(m => (string?)m!["role"] == "tool")!["content"]!;
        await using var session = Replay(path, RequestMatchers.Body("$.messages[*].content#.CallId"));
        using var http = session.CreateHttpClient();
        http.BaseAddress = new Uri(baseAddress);
        var (response, cities) = await AskAsync(http);
        await using var strict = Replay(path, RequestMatchers.Body());
        using var strictHttp = strict.CreateHttpClient();
        strictHttp.BaseAddress = new Uri(baseAddress);
        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => AskAsync(strictHttp));

        Assert.Equal(2, recorded.Count);
        Assert.Matches("""^\{"CallId":"[0-9a-f]{8}","Result":"40 C"\}$""", toolContent);
        Assert.Equal("It is 40 C in Paris.", response.Text);
        Assert.Equal(["Paris"], cities);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments!["city"]!.ToString());
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Empty(session.UnplayedInteractions);
        Assert.Contains("first difference at $.messages[2].content", error.Message, StringComparison.Ordinal);
    }
}
