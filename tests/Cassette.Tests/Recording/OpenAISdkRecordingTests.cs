using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Cassette.Tests.Support;
using OpenAI;
using OpenAI.Chat;

namespace Cassette.Tests.Recording;

/// <summary>The official OpenAI .NET SDK records a conversation with the fake upstream, then replays it with no network.</summary>
public sealed class OpenAISdkRecordingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-sdk-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task CompleteChatStreamingAsync_RecordThenReplay_SdkSeesTheSameToolCallAndAnswer()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = Path.Combine(_folder, "sdk-async.yaml");

        Conversation live;
        await using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record }))
        {
            using var http = session.CreateHttpClient(upstream.CreateHandler());
            live = await RunAsync(CreateClient(http, upstream));
        }

        Assert.Equal(3, upstream.Received.Count);
        Assert.Equal("get_weather", live.ToolName);
        Assert.Equal("""{"location":"Florence, Italy"}""", live.ToolArguments);
        Assert.Equal(FakeUpstream.AnswerText, live.StreamedAnswer);
        Assert.Equal(FakeUpstream.AnswerText, live.PlainAnswer);

        Conversation replayed;
        await using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Replay }))
        {
            using var http = session.CreateHttpClient();
            replayed = await RunAsync(CreateClient(http, upstream));
            session.VerifyAllPlayed();
        }

        Assert.Equal(live, replayed);
        Assert.Equal(3, upstream.Received.Count);
        string text = await File.ReadAllTextAsync(path, Token);
        Assert.DoesNotContain("sk-fake-key", text, StringComparison.Ordinal);
        Assert.Contains("X-Stainless-Lang", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChatStreamingAndCompleteChat_SynchronousRecordThenReplay_SdkSeesTheSameToolCallAndAnswers()
    {
        await using var upstream = await FakeUpstream.StartAsync(kestrel: true);
        string path = Path.Combine(_folder, "sdk-sync.yaml");

        Conversation live;
        using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record }))
        {
            using var http = session.CreateHttpClient(upstream.CreateHandler());
            live = Run(CreateClient(http, upstream));
        }

        using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Replay }))
        {
            using var http = session.CreateHttpClient();
            Assert.Equal(live, Run(CreateClient(http, upstream)));
            session.VerifyAllPlayed();
        }

        Assert.Equal(3, upstream.Received.Count);
        Assert.Equal("get_weather", live.ToolName);
        Assert.Equal(FakeUpstream.AnswerText, live.StreamedAnswer);
        Assert.Equal(FakeUpstream.AnswerText, live.PlainAnswer);
    }

    private static ChatClient CreateClient(HttpClient http, FakeUpstream upstream) => new(
        FakeUpstream.Model,
        new ApiKeyCredential("sk-fake-key"),
        new OpenAIClientOptions
        {
            Endpoint = upstream.Url("v1"),
            Transport = new HttpClientPipelineTransport(http),
            // A retried request would consume the next recorded interaction.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    private static ChatCompletionOptions Options()
    {
        var options = new ChatCompletionOptions();
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Weather for a place",
            BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}}}""")));
        return options;
    }

    private static List<ChatMessage> FirstTurn() => [new UserChatMessage("What's the weather in Florence?")];

    private static List<ChatMessage> SecondTurn(string id, string name, string arguments) =>
    [
        .. FirstTurn(),
        new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(id, name, BinaryData.FromString(arguments))]),
        new ToolChatMessage(id, "24°C, sunny"),
    ];

    private static async Task<Conversation> RunAsync(ChatClient chat)
    {
        var (id, name, arguments) = ("", "", new StringBuilder());
        await foreach (var update in chat.CompleteChatStreamingAsync(FirstTurn(), Options(), Token))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                id = call.ToolCallId ?? id;
                name = call.FunctionName ?? name;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
        }

        var answer = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync(SecondTurn(id, name, arguments.ToString()), Options(), Token))
        {
            answer.AppendJoin("", update.ContentUpdate.Select(p => p.Text));
        }

        ChatCompletion plain = await chat.CompleteChatAsync([new UserChatMessage("Just say it.")], cancellationToken: Token);
        return new Conversation(id, name, arguments.ToString(), answer.ToString(), plain.Content[0].Text);
    }

    private static Conversation Run(ChatClient chat)
    {
        var (id, name, arguments) = ("", "", new StringBuilder());
        foreach (var update in chat.CompleteChatStreaming(FirstTurn(), Options(), Token))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                id = call.ToolCallId ?? id;
                name = call.FunctionName ?? name;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
        }

        var answer = new StringBuilder();
        foreach (var update in chat.CompleteChatStreaming(SecondTurn(id, name, arguments.ToString()), Options(), Token))
        {
            answer.AppendJoin("", update.ContentUpdate.Select(p => p.Text));
        }

        ChatCompletion plain = chat.CompleteChat([new UserChatMessage("Just say it.")], cancellationToken: Token);
        return new Conversation(id, name, arguments.ToString(), answer.ToString(), plain.Content[0].Text);
    }

    private sealed record Conversation(string ToolCallId, string ToolName, string ToolArguments, string StreamedAnswer, string PlainAnswer);
}
