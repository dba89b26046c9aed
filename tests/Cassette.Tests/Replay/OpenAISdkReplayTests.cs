using System.Text;
using System.Text.Json;
using Cassette.Tests.Support;
using OpenAI.Chat;

namespace Cassette.Tests.Replay;

/// <summary>Every seed cassette replayed through the official OpenAI .NET SDK, as an application would use it.</summary>
public sealed class OpenAISdkReplayTests
{
    public static TheoryData<string> StreamingSeeds() => new(Fixtures.StreamingSeeds.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(StreamingSeeds))]
    public async Task CompleteChatStreamingAsync_StreamingSeed_ReplaysToolCallThenFinalAnswer(string seed)
    {
        string path = Fixtures.Seed(seed);
        var cassette = CassetteFile.Load(path);
        var expectedCall = RecordedChatStream.Parse(cassette.Interactions[0].Response.Body);
        var expectedAnswer = RecordedChatStream.Parse(cassette.Interactions[1].Response.Body);
        using var handler = new ReplayingHandler(cassette);
        using var http = new HttpClient(handler);
        var chat = SeedChat.CreateClient(http);
        var ct = TestContext.Current.CancellationToken;

        var first = await CollectAsync(chat.CompleteChatStreamingAsync(
            SeedChat.FirstTurn(SeedChat.StreamingQuestion), SeedChat.StreamingOptions(path), ct));

        Assert.Equal(expectedCall.ToolCallId, first.ToolCallId);
        Assert.Equal("weather", first.ToolName);
        Assert.Equal(expectedCall.ToolArguments, first.Arguments);
        Assert.Equal(expectedCall.Content, first.Text);

        var second = await CollectAsync(chat.CompleteChatStreamingAsync(
            SeedChat.SecondTurn(SeedChat.StreamingQuestion, first.Text, first.ToToolCall()), SeedChat.StreamingOptions(path), ct));

        Assert.Equal(expectedAnswer.Content, second.Text);
        Assert.NotEmpty(second.Text);
        Assert.Null(second.ToolCallId);
        handler.VerifyAllPlayed();
    }

    [Theory]
    [MemberData(nameof(StreamingSeeds))]
    public void CompleteChatStreaming_Synchronous_ReplaysToolCallThenFinalAnswer(string seed)
    {
        string path = Fixtures.Seed(seed);
        var cassette = CassetteFile.Load(path);
        var expectedCall = RecordedChatStream.Parse(cassette.Interactions[0].Response.Body);
        var expectedAnswer = RecordedChatStream.Parse(cassette.Interactions[1].Response.Body);
        using var handler = new ReplayingHandler(cassette);
        using var http = new HttpClient(handler);
        var chat = SeedChat.CreateClient(http);

        var ct = TestContext.Current.CancellationToken;

        var first = Collect(chat.CompleteChatStreaming(SeedChat.FirstTurn(SeedChat.StreamingQuestion), SeedChat.StreamingOptions(path), ct));

        Assert.Equal(expectedCall.ToolCallId, first.ToolCallId);
        Assert.Equal(expectedCall.ToolArguments, first.Arguments);

        var second = Collect(chat.CompleteChatStreaming(
            SeedChat.SecondTurn(SeedChat.StreamingQuestion, first.Text, first.ToToolCall()), SeedChat.StreamingOptions(path), ct));

        Assert.Equal(expectedAnswer.Content, second.Text);
        handler.VerifyAllPlayed();
    }

    [Fact]
    public async Task CompleteChatAsync_PlainSeed_ReplaysToolCallThenFinalAnswer()
    {
        var cassette = CassetteFile.Load(Fixtures.Seed("openrouter-kimi-k2.yaml"));
        using var firstBody = JsonDocument.Parse(cassette.Interactions[0].Response.Body);
        using var secondBody = JsonDocument.Parse(cassette.Interactions[1].Response.Body);
        var recordedMessage = firstBody.RootElement.GetProperty("choices")[0].GetProperty("message");
        var recordedCall = recordedMessage.GetProperty("tool_calls")[0];
        string recordedAnswer = secondBody.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        using var handler = new ReplayingHandler(cassette);
        using var http = new HttpClient(handler);
        var chat = SeedChat.CreateClient(http);
        var ct = TestContext.Current.CancellationToken;

        ChatCompletion first = await chat.CompleteChatAsync(SeedChat.FirstTurn(SeedChat.PlainQuestion), SeedChat.PlainOptions(), ct);

        var call = Assert.Single(first.ToolCalls);
        Assert.Equal(recordedCall.GetProperty("id").GetString(), call.Id);
        Assert.Equal(recordedCall.GetProperty("function").GetProperty("arguments").GetString(), call.FunctionArguments.ToString());
        string text = first.Content[0].Text;
        Assert.Equal(recordedMessage.GetProperty("content").GetString(), text);

        // A fresh tool call: the received one keeps the response's extra "index" field and would send it back.
        var sentCall = ChatToolCall.CreateFunctionToolCall(call.Id, call.FunctionName, call.FunctionArguments);
        ChatCompletion second = await chat.CompleteChatAsync(SeedChat.SecondTurn(SeedChat.PlainQuestion, text, sentCall), SeedChat.PlainOptions(), ct);

        Assert.Equal(recordedAnswer, second.Content[0].Text);
        handler.VerifyAllPlayed();
    }

    [Fact]
    public async Task CompleteChatStreamingAsync_PacedByFakeClock_YieldsFirstUpdateBeforeNextEventIsProduced()
    {
        string path = Fixtures.Seed("tool_streaming_kimi-k2_chutes.yaml");
        var cassette = CassetteFile.Load(path);
        int events = RecordedChatStream.Parse(cassette.Interactions[0].Response.Body).EventCount;
        var step = cassette.Interactions[0].Response.Duration.ToTimeSpan() / events;
        var clock = new ManualClock();
        using var handler = new ReplayingHandler(cassette, new ReplayOptions { Pacing = ReplayPacing.SpreadOverEvents, TimeProvider = clock });
        using var http = new HttpClient(handler);
        var chat = SeedChat.CreateClient(http);
        var updates = chat.CompleteChatStreamingAsync(
            SeedChat.FirstTurn(SeedChat.StreamingQuestion), SeedChat.StreamingOptions(path), TestContext.Current.CancellationToken);
        // Not "await using": disposing while a move is pending would hide a failed assertion.
        var enumerator = updates.GetAsyncEnumerator(TestContext.Current.CancellationToken);

        var firstMove = enumerator.MoveNextAsync().AsTask();
        await clock.WaitForTimersAsync();
        Assert.False(firstMove.IsCompleted);
        clock.Advance(step);
        Assert.True(await firstMove);

        // The SDK has the first update; the second event waits for the clock.
        var secondMove = enumerator.MoveNextAsync().AsTask();
        await clock.WaitForTimersAsync();
        Assert.False(secondMove.IsCompleted);
        Assert.Equal([step], clock.PendingDelays);
        clock.Advance(step);
        Assert.True(await secondMove);

        // The rest of the stream, one clock step per event, to the end.
        int received = 2;
        while (true)
        {
            var move = enumerator.MoveNextAsync().AsTask();
            while (!move.IsCompleted)
            {
                await Task.WhenAny(move, clock.WaitForTimersAsync());
                if (!move.IsCompleted)
                {
                    clock.Advance(step);
                }
            }

            if (!await move)
            {
                break;
            }

            received++;
        }

        Assert.True(received >= events - 1, $"{received} updates for {events} events.");
        await enumerator.DisposeAsync();
    }

    private static async Task<StreamedTurn> CollectAsync(IAsyncEnumerable<StreamingChatCompletionUpdate> updates)
    {
        var turn = new StreamedTurn();
        await foreach (var update in updates)
        {
            turn.Add(update);
        }

        return turn;
    }

    private static StreamedTurn Collect(IEnumerable<StreamingChatCompletionUpdate> updates)
    {
        var turn = new StreamedTurn();
        foreach (var update in updates)
        {
            turn.Add(update);
        }

        return turn;
    }

    private sealed class StreamedTurn
    {
        private readonly StringBuilder _text = new();
        private readonly List<byte> _arguments = [];

        public string Text => _text.ToString();

        public string? ToolCallId { get; private set; }

        public string? ToolName { get; private set; }

        public string Arguments => Encoding.UTF8.GetString([.. _arguments]);

        public void Add(StreamingChatCompletionUpdate update)
        {
            foreach (var part in update.ContentUpdate)
            {
                _text.Append(part.Text);
            }

            foreach (var call in update.ToolCallUpdates)
            {
                ToolCallId ??= call.ToolCallId;
                ToolName ??= call.FunctionName;
                if (call.FunctionArgumentsUpdate is { } arguments)
                {
                    _arguments.AddRange(arguments.ToArray());
                }
            }
        }

        public ChatToolCall ToToolCall() =>
            ChatToolCall.CreateFunctionToolCall(ToolCallId!, ToolName!, BinaryData.FromString(Arguments));
    }
}
