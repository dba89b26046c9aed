using System.Text.Json.Nodes;
using Cassette.Tests.Support;
using Microsoft.Extensions.AI;

namespace Cassette.Tests.Matching;

/// <summary>
/// OllamaSharp's <see cref="IChatClient"/> makes up a CallId for each tool call and sends it back
/// inside the tool message's content, a JSON string: a path into that string ignores just the id.
/// </summary>
public sealed class OllamaSharpToolLoopTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cassette-ollama-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task RecordAsync(string path)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        new FakeOllamaChat().Serve(upstream);

        var (response, cities) = await OllamaSharpToolLoop.RecordAsync(path, upstream.CreateHandler());

        Assert.Equal("It is 40 C in Paris.", response.Text);
        Assert.Equal(["Paris"], cities);
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
        await RecordAsync(path);

        var recorded = CassetteFile.Load(path).Interactions;
        string toolContent = (string)JsonNode.Parse(recorded[1].Request.Body.Span)!["messages"]!.AsArray()
            .Single(m => (string?)m!["role"] == "tool")!["content"]!;
        await using var session = Replay(path, RequestMatchers.Body("$.messages[*].content#.CallId"));
        using var http = session.CreateHttpClient();
        http.BaseAddress = OllamaSharpToolLoop.BaseAddress;
        var (response, cities) = await OllamaSharpToolLoop.AskAsync(http);
        await using var strict = Replay(path, RequestMatchers.Body());
        using var strictHttp = strict.CreateHttpClient();
        strictHttp.BaseAddress = OllamaSharpToolLoop.BaseAddress;
        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => OllamaSharpToolLoop.AskAsync(strictHttp));

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
