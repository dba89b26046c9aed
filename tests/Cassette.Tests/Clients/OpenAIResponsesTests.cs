// The OpenAI SDK marks its Responses API, and Microsoft.Extensions.AI its IChatClient over it, as evaluation-only.
#pragma warning disable OPENAI001

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using Cassette.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace Cassette.Tests.Clients;

/// <summary>
/// OpenAI's Responses API, through the OpenAI SDK's <see cref="ResponsesClient"/> (streamed and
/// unstreamed, asynchronous and synchronous) and through Microsoft.Extensions.AI's
/// <see cref="IChatClient"/> with function invocation: a function call, then the answer in a
/// follow-up that names the first response by its <c>previous_response_id</c>, recorded from a fake
/// Responses API, then replayed with the upstream gone.
/// </summary>
public sealed class OpenAIResponsesTests : IDisposable
{
    private const string ApiKey = "sk-proj-not-a-real-key-0123456789abcdef";
    private const string WeatherSchema = """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""";
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-responses-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ResponsesClient Client(HttpClient http, Uri endpoint) =>
        new(new ApiKeyCredential(ApiKey), new ResponsesClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });

    /// <summary>What the SDK gave back over the two turns: the function call, the answer and the last turn's usage.</summary>
    private sealed record Conversation(string Call, string Answer, string FirstResponseId, string? PreviousResponseId, int InputTokens, int OutputTokens, ResponseStatus? Status);

    private static async Task<ResponseResult> SendAsync(ResponsesClient client, CreateResponseOptions options, bool streaming, bool sync, Action<StreamingResponseUpdate> onUpdate)
    {
        options.StreamingEnabled = streaming;
        if (!streaming)
        {
            return sync ? client.CreateResponse(options, Token) : await client.CreateResponseAsync(options, Token);
        }

        var updates = new List<StreamingResponseUpdate>();
        if (sync)
        {
            updates.AddRange(client.CreateResponseStreaming(options, Token));
        }
        else
        {
            await foreach (var update in client.CreateResponseStreamingAsync(options, Token))
            {
                updates.Add(update);
            }
        }

        updates.ForEach(onUpdate);
        return updates.OfType<StreamingResponseCompletedUpdate>().Single().Response;
    }

    // The function loop a user writes with the SDK: ask with the tool, answer its call in a follow-up.
    private static async Task<Conversation> ConverseAsync(ResponsesClient client, bool streaming, bool sync)
    {
        var tool = ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString(WeatherSchema), strictModeEnabled: false, "Gets the weather for a location");
        var ask = new CreateResponseOptions("gpt-4.1", [ResponseItem.CreateUserMessageItem("What's the weather in Florence, Italy?")]) { Tools = { tool } };
        string? streamedArguments = null;
        var first = await SendAsync(client, ask, streaming, sync, update =>
        {
            if (update is StreamingResponseFunctionCallArgumentsDoneUpdate done)
            {
                streamedArguments = done.FunctionArguments.ToString();
            }
        });
        var call = first.OutputItems.OfType<FunctionCallResponseItem>().Single();
        string arguments = streamedArguments ?? call.FunctionArguments.ToString();

        var follow = new CreateResponseOptions("gpt-4.1", [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "sunny, 24°C")])
        {
            PreviousResponseId = first.Id,
            Tools = { tool },
        };
        string streamedText = "";
        var second = await SendAsync(client, follow, streaming, sync, update =>
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                streamedText += delta.Delta;
            }
        });

        string answer = streaming ? streamedText : second.GetOutputText();
        return new Conversation($"{call.FunctionName}({arguments})", answer, first.Id, second.PreviousResponseId, second.Usage.InputTokenCount, second.Usage.OutputTokenCount, second.Status);
    }

    private static async Task<Conversation> RunAsync(string path, CassetteMode mode, Uri endpoint, HttpMessageHandler upstream, bool streaming, bool sync)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var conversation = await ConverseAsync(Client(http, endpoint), streaming, sync);
        session.VerifyAllPlayed();
        return conversation;
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task CreateResponse_FunctionCallThenFollowUp_RecordedThenReplayedWithTheUpstreamGone(bool streaming, bool sync)
    {
        string path = Path.Combine(_folder, "responses.yaml");
        var api = new ResponsesApi();
        // Synchronous calls need real sockets: Kestrel on 127.0.0.1, whose address the replay asks for too.
        await using var upstream = await FakeUpstream.StartAsync(kestrel: sync);
        upstream.Handler = context => api.HandleAsync(context, upstream.Received.Last().Body);
        var endpoint = upstream.Url("v1");

        var recorded = await RunAsync(path, CassetteMode.Record, endpoint, upstream.CreateHandler(), streaming, sync);
        var replayed = await RunAsync(path, CassetteMode.Replay, endpoint, new GoneUpstream(), streaming, sync);

        Assert.Equal("""get_weather({"location":"Florence, Italy"})""", recorded.Call);
        Assert.Equal(ResponsesApi.DefaultAnswer, recorded.Answer);
        Assert.Equal(api.ResponseIds[0], recorded.FirstResponseId);
        Assert.Equal(api.ResponseIds[0], recorded.PreviousResponseId);
        Assert.Equal((85, 12, ResponseStatus.Completed), (recorded.InputTokens, recorded.OutputTokens, recorded.Status));
        Assert.Equal(recorded, replayed);
        Assert.Equal(2, upstream.Received.Count);
        string saved = await File.ReadAllTextAsync(path, Token);
        Assert.DoesNotContain(ApiKey, saved, StringComparison.Ordinal);
        if (streaming)
        {
            Assert.Contains("response.function_call_arguments.delta", saved, StringComparison.Ordinal);
        }
    }

    private static IChatClient ChatClient(HttpClient http) =>
        Client(http, new Uri("http://localhost/v1"))
            .AsIChatClient("gpt-4.1")
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();

    private static async Task<(ChatResponse Response, List<string> Locations)> ChatAsync(string path, CassetteMode mode, HttpMessageHandler upstream, bool streaming)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var tool = new WeatherTool();
        var response = await ChatTurn.AskAsync(ChatClient(http), "What's the weather in Florence, Italy?", new ChatOptions { Tools = [tool.Function] }, streaming, Token);
        session.VerifyAllPlayed();
        return (response, tool.Locations);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChatClient_WithFunctionInvocation_RecordedThenReplayedWithTheUpstreamGone(bool streaming)
    {
        string path = Path.Combine(_folder, "chat.yaml");
        var api = new ResponsesApi();
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => api.HandleAsync(context, upstream.Received.Last().Body);

        var (recorded, recordedLocations) = await ChatAsync(path, CassetteMode.Record, upstream.CreateHandler(), streaming);
        var (replayed, replayedLocations) = await ChatAsync(path, CassetteMode.Replay, new GoneUpstream(), streaming);

        Assert.Equal(ResponsesApi.DefaultAnswer, recorded.Text);
        Assert.Equal(["Florence, Italy"], recordedLocations);
        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(recordedLocations, replayedLocations);
        var call = Assert.Single(replayed.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("get_weather", "Florence, Italy"), (call.Name, call.Arguments!["location"]!.ToString()));
        // The follow-up names the response the provider made up; the replay hands back the same id.
        var requests = CassetteFile.Load(path).Interactions.Select(i => JsonNode.Parse(i.Request.Body.Span)!).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(api.ResponseIds[0], (string?)requests[1]["previous_response_id"]);
        Assert.Equal(api.ResponseIds[1], replayed.ConversationId);
        Assert.Equal(recorded.Usage?.InputTokenCount, replayed.Usage?.InputTokenCount);
        Assert.Equal(recorded.Usage?.OutputTokenCount, replayed.Usage?.OutputTokenCount);
        // Function invocation adds up the usage of both calls: 60+85 input, 18+12 output tokens.
        Assert.Equal((145L, 30L), (replayed.Usage!.InputTokenCount, replayed.Usage.OutputTokenCount));
        // Over the Responses API the chat client gives a finish reason for streams only (from response.completed).
        Assert.Equal(streaming ? ChatFinishReason.Stop : null, replayed.FinishReason);
        Assert.Equal(recorded.FinishReason, replayed.FinishReason);
    }
}
