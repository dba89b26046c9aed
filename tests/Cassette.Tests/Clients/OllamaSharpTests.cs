using System.Text;
using Cassette.Tests.Support;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using OllamaRole = OllamaSharp.Models.Chat.ChatRole;

namespace Cassette.Tests.Clients;

/// <summary>
/// OllamaSharp, streamed: its <see cref="IChatClient"/> with function invocation, and the raw
/// <see cref="OllamaApiClient"/> chat (with a tool call) and generate streams, recorded from a fake
/// Ollama writing NDJSON line by line, then replayed with the upstream gone. OllamaSharp has no
/// synchronous API.
/// </summary>
public sealed class OllamaSharpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-ollamasharp-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// OllamaSharp's chat client makes up the CallId it sends back inside the tool message's
    /// content: the replay ignores just that id.
    /// </summary>
    private static CassetteSessionOptions Options(CassetteMode mode) => new()
    {
        Mode = mode,
        Replay = { Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body("$.messages[*].content#.CallId")] },
    };

    private static async Task<T> RunAsync<T>(string path, CassetteMode mode, HttpMessageHandler upstream, Func<OllamaApiClient, Task<T>> use)
    {
        await using var session = CassetteSession.Open(path, Options(mode));
        using var http = session.CreateHttpClient(upstream);
        http.BaseAddress = new Uri("http://localhost:11434/");
        using var ollama = new OllamaApiClient(http, OllamaApi.Model);
        var result = await use(ollama);
        session.VerifyAllPlayed();
        return result;
    }

    private static async Task<FakeUpstream> StartAsync(OllamaApi api)
    {
        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => api.HandleAsync(context, upstream.Received.Last().Body);
        return upstream;
    }

    [Fact]
    public async Task GetStreamingResponseAsync_WithFunctionInvocation_RecordedThenReplayedWithTheUpstreamGone()
    {
        string path = Path.Combine(_folder, "chat-client.yaml");
        var api = new OllamaApi();
        await using var upstream = await StartAsync(api);
        static async Task<(ChatResponse Response, List<string> Locations)> Ask(OllamaApiClient ollama)
        {
            var tool = new WeatherTool();
            using var chat = new ChatClientBuilder(ollama).UseFunctionInvocation().Build();
            var response = await ChatTurn.AskAsync(chat, "What is the weather in Paris?", new ChatOptions { Tools = [tool.Function] }, streaming: true, Token);
            return (response, tool.Locations);
        }

        var (recorded, recordedLocations) = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), Ask);
        var (replayed, replayedLocations) = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), Ask);

        Assert.Equal(OllamaApi.DefaultAnswer, recorded.Text);
        Assert.Equal(["Paris"], recordedLocations);
        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(recordedLocations, replayedLocations);
        var call = Assert.Single(replayed.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("get_weather", "Paris"), (call.Name, call.Arguments!["location"]!.ToString()));
        Assert.Equal(ChatFinishReason.Stop, replayed.FinishReason);
        // The usage of both streams added up: 26+57 prompt tokens, 17 for the call and one a word of the answer.
        Assert.Equal((83L, 17L + api.AnswerTokens), (replayed.Usage!.InputTokenCount, replayed.Usage.OutputTokenCount));
        var interactions = CassetteFile.Load(path).Interactions;
        Assert.Equal(2, interactions.Count);
        Assert.All(interactions, i => Assert.Equal(["application/x-ndjson"], i.Response.Headers["Content-Type"]));
    }

    /// <summary>What the raw chat stream gave: the text, the tool calls and the closing line.</summary>
    private sealed record RawChat(string Text, string ToolCalls, string? DoneReason, int PromptEvalCount, int EvalCount, int Lines);

    private static async Task<RawChat> StreamChatAsync(OllamaApiClient ollama, List<Message> messages)
    {
        var request = new ChatRequest
        {
            Model = OllamaApi.Model,
            Messages = messages,
            Stream = true,
            Tools =
            [
                new Tool
                {
                    Function = new Function
                    {
                        Name = "get_weather",
                        Description = "Gets the weather for a location",
                        Parameters = new Parameters { Properties = new() { ["location"] = new Property { Type = "string" } }, Required = ["location"] },
                    },
                },
            ],
        };
        var text = new StringBuilder();
        var calls = new List<string>();
        var lines = new List<ChatResponseStream?>();
        await foreach (var line in ollama.ChatAsync(request, Token))
        {
            lines.Add(line);
            text.Append(line?.Message.Content);
            calls.AddRange(line?.Message.ToolCalls?.Select(c => $"{c.Function!.Name}({string.Join(",", c.Function.Arguments!.Select(a => $"{a.Key}={a.Value}"))})") ?? []);
        }

        var done = Assert.IsType<ChatDoneResponseStream>(lines[^1]);
        return new RawChat(text.ToString(), string.Join(";", calls), done.DoneReason, done.PromptEvalCount, done.EvalCount, lines.Count);
    }

    // The tool loop a user writes against the raw API: ask with the tool, then send its result.
    private static async Task<(RawChat Call, RawChat Answer)> ToolLoopAsync(OllamaApiClient ollama)
    {
        List<Message> messages = [new(OllamaRole.User, "What is the weather in Paris?")];
        var call = await StreamChatAsync(ollama, messages);
        messages.Add(new Message(OllamaRole.Assistant, "") { ToolCalls = [new Message.ToolCall { Function = new Message.Function { Name = "get_weather", Arguments = new Dictionary<string, object?> { ["location"] = "Paris" } } }] });
        messages.Add(new Message(OllamaRole.Tool, "sunny, 24°C") { ToolName = "get_weather" });
        var answer = await StreamChatAsync(ollama, messages);
        return (call, answer);
    }

    [Fact]
    public async Task ChatAsync_RawStreamWithAToolCall_RecordedThenReplayedLineByLineWithTheUpstreamGone()
    {
        string path = Path.Combine(_folder, "chat.yaml");
        var api = new OllamaApi();
        await using var upstream = await StartAsync(api);

        var recorded = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), ToolLoopAsync);
        var replayed = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), ToolLoopAsync);

        Assert.Equal(new RawChat("", "get_weather(location=Paris)", "stop", 26, 17, 2), recorded.Call);
        Assert.Equal(new RawChat(OllamaApi.DefaultAnswer, "", "stop", 57, api.AnswerTokens, api.AnswerTokens + 1), recorded.Answer);
        Assert.Equal(recorded, replayed);
    }

    private static async Task<(string Text, GenerateDoneResponseStream Done)> GenerateAsync(OllamaApiClient ollama)
    {
        var text = new StringBuilder();
        GenerateResponseStream? last = null;
        await foreach (var line in ollama.GenerateAsync(new GenerateRequest { Model = OllamaApi.Model, Prompt = "What is the weather in Paris?", Stream = true }, Token))
        {
            text.Append(line?.Response);
            last = line;
        }

        return (text.ToString(), Assert.IsType<GenerateDoneResponseStream>(last));
    }

    [Fact]
    public async Task GenerateAsync_RawStream_RecordedThenReplayedWithTheUpstreamGone()
    {
        string path = Path.Combine(_folder, "generate.yaml");
        var api = new OllamaApi();
        await using var upstream = await StartAsync(api);

        var recorded = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), GenerateAsync);
        var replayed = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), GenerateAsync);

        Assert.Equal(OllamaApi.DefaultAnswer, recorded.Text);
        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(("stop", 26, api.AnswerTokens), (replayed.Done.DoneReason, replayed.Done.PromptEvalCount, replayed.Done.EvalCount));
        Assert.Equal(recorded.Done.TotalDuration, replayed.Done.TotalDuration);
        Assert.Equal("/api/generate", new Uri(CassetteFile.Load(path).Interactions.Single().Request.Url).AbsolutePath);
    }
}
