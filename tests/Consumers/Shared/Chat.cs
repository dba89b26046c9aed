using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace Consumers;

/// <summary>What every consumer's tests do with the OpenAI SDK, whatever their test framework.</summary>
public static class Chat
{
    public const string RecordedAnswer = "The weather in Florence is currently 40°C (104°F). It`s quite hot there!";
    public const string FakeAnswer = "Hello from the fake upstream.";

    /// <summary>
    /// Replays the committed OpenRouter recording (made by a Go test suite with go-vcr): a
    /// question, the model's <c>weather</c> tool call, the tool's result, the final answer.
    /// Returns the final answer.
    /// </summary>
    public static async Task<string> ReplayOpenRouterConversationAsync(HttpClient http)
    {
        var chat = Client(http, "moonshotai/kimi-k2-0905", new Uri("https://openrouter.ai/api/v1"));
        var options = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateAutoChoice() };
        options.Tools.Add(ChatTool.CreateFunctionTool(
            "weather",
            "Get weather information for a location",
            BinaryData.FromString("""{"properties":{"location":{"description":"the city","type":"string"}},"required":["location"],"type":"object"}"""),
            functionSchemaIsStrict: false));
        // The recorded requests carry OpenRouter's usage field: the SDK sends it through Patch.
        options.Patch.Set("$.usage"u8, BinaryData.FromString("""{"include":true}"""));
        List<ChatMessage> messages = [new SystemChatMessage("You are a helpful assistant"), new UserChatMessage("What's the weather in Florence?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options);
        ChatToolCall call = first.ToolCalls.Single();
        var assistant = new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(call.Id, call.FunctionName, call.FunctionArguments)]);
        assistant.Content.Add(ChatMessageContentPart.CreateTextPart(first.Content[0].Text));
        messages.Add(assistant);
        messages.Add(new ToolChatMessage(call.Id, "40 C"));
        ChatCompletion second = await chat.CompleteChatAsync(messages, options);
        return second.Content[0].Text;
    }

    /// <summary>Asks the fake upstream's model a question and returns its answer.</summary>
    public static async Task<string> AskAsync(HttpClient http)
    {
        var chat = Client(http, "fake-model", new Uri("http://fake-upstream.test/v1"));
        ChatCompletion answer = await chat.CompleteChatAsync([new UserChatMessage("Say hello.")]);
        return answer.Content[0].Text;
    }

    /// <summary>
    /// The upstream behind the cassette: the in-process fake when CASSETTE_MODE records, and one
    /// that is gone (every request fails) when it replays, so a replay that reached it would fail.
    /// </summary>
    public static HttpMessageHandler Upstream() =>
        Environment.GetEnvironmentVariable("CASSETTE_MODE") is "record" ? new FakeUpstream() : new GoneUpstream();

    private static ChatClient Client(HttpClient http, string model, Uri endpoint) => new(
        model,
        new ApiKeyCredential("sk-test-not-a-real-key"),
        new OpenAIClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });

    /// <summary>An OpenAI-compatible chat completions endpoint, in process.</summary>
    private sealed class FakeUpstream : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = $$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1764806400,"model":"fake-model","choices":[{"index":0,"message":{"role":"assistant","content":"{{{FakeAnswer}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":6,"total_tokens":15}}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
        }
    }

    private sealed class GoneUpstream : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("The upstream is gone: a replay must not reach it (" + request.RequestUri + ").");
    }
}
