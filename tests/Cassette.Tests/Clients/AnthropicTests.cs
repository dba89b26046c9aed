using System.Text;
using System.Text.Json.Nodes;
using Anthropic;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Cassette.Tests.Clients;

/// <summary>
/// The official Anthropic SDK, through its <see cref="IChatClient"/> with function invocation:
/// a streamed Messages conversation with extended thinking (<c>thinking_delta</c>,
/// <c>signature_delta</c>) and a <c>tool_use</c> block, and the same conversation unstreamed,
/// recorded from a fake Messages API, then replayed with the upstream gone.
/// </summary>
public sealed class AnthropicTests : IDisposable
{
    private const string ApiKey = "sk-ant-api03-not-a-real-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Model = "claude-sonnet-4-5";
    private const string Answer = "It is sunny in Florence, 24°C.";
    private const string Thought = "The user wants the weather; I should call get_weather.";
    private const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-anthropic-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IChatClient ChatClient(HttpClient http) =>
        new AnthropicClient { ApiKey = ApiKey, BaseUrl = "https://api.anthropic.com", HttpClient = http, MaxRetries = 0 }
            .AsIChatClient(Model, 1024)
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();

    private static string Event(string type, string json) => $"event: {type}\ndata: {json}\n\n";

    // The Messages API as documented: the first turn thinks and calls the tool, the second answers.
    private static async Task MessagesAsync(HttpContext context, byte[] body)
    {
        var request = JsonNode.Parse(body)!;
        bool toolAnswered = request["messages"]!.AsArray().Any(m => m!["content"] is JsonArray parts && parts.Any(p => (string?)p!["type"] == "tool_result"));
        context.Response.Headers["request-id"] = "req_" + Guid.NewGuid().ToString("N");
        context.Response.Headers["anthropic-organization-id"] = "org-fake";
        if (request["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            var stream = new StringBuilder(Event("message_start", $$$$"""{"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"{{{{Model}}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":1}}}"""));
            if (toolAnswered)
            {
                stream.Append(Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""))
                    .Append(Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"It is sunny"}}"""))
                    .Append(Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" in Florence, 24°C."}}"""))
                    .Append(Event("content_block_stop", """{"type":"content_block_stop","index":0}"""))
                    .Append(Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":12}}"""));
            }
            else
            {
                stream.Append(Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"""))
                    .Append(Event("content_block_delta", $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"{{{Thought}}}"}}"""))
                    .Append(Event("content_block_delta", $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"{{{Signature}}}"}}"""))
                    .Append(Event("content_block_stop", """{"type":"content_block_stop","index":0}"""))
                    .Append(Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}"""))
                    .Append(Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"Flor"}}"""))
                    .Append(Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ence, Italy\"}"}}"""))
                    .Append(Event("content_block_stop", """{"type":"content_block_stop","index":1}"""))
                    .Append(Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":45}}"""));
            }

            stream.Append(Event("message_stop", """{"type":"message_stop"}"""));
            await context.Response.WriteAsync(stream.ToString());
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(toolAnswered
            ? $$$"""{"id":"msg_02","type":"message","role":"assistant","model":"{{{Model}}}","content":[{"type":"text","text":"{{{Answer}}}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":60,"output_tokens":12}}"""
            : $$$"""{"id":"msg_01","type":"message","role":"assistant","model":"{{{Model}}}","content":[{"type":"thinking","thinking":"{{{Thought}}}","signature":"{{{Signature}}}"},{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"location":"Florence, Italy"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":45}}""");
    }

    private static async Task<(string Text, List<string> Locations)> RunAsync(string path, CassetteMode mode, HttpMessageHandler upstream, bool streaming)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var tool = new WeatherTool();
        var client = ChatClient(http);
        var options = new ChatOptions { Tools = [tool.Function] };
        List<ChatMessage> question = [new(ChatRole.User, "What's the weather in Florence, Italy?")];
        string text;
        if (streaming)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(question, options, Token))
            {
                updates.Add(update);
            }

            text = updates.ToChatResponse().Text;
        }
        else
        {
            text = (await client.GetResponseAsync(question, options, Token)).Text;
        }

        session.VerifyAllPlayed();
        return (text, tool.Locations);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ThinkingThenToolUse_RecordedThenReplayedWithTheUpstreamGone(bool streaming)
    {
        string path = Path.Combine(_folder, "chat.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => MessagesAsync(context, upstream.Received.Last().Body);

        var recorded = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), streaming);
        var replayed = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), streaming);

        Assert.Equal(Answer, recorded.Text);
        Assert.Equal(["Florence, Italy"], recorded.Locations);
        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(recorded.Locations, replayed.Locations);
        Assert.Contains(upstream.Received.First().Headers, h => h.Value.Contains(ApiKey, StringComparison.Ordinal));
        string saved = await File.ReadAllTextAsync(path, Token);
        Assert.DoesNotContain(ApiKey, saved, StringComparison.Ordinal);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
        if (streaming)
        {
            Assert.Contains("signature_delta", saved, StringComparison.Ordinal);
        }
    }
}
