using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cassette.Tests.Support;

/// <summary>The <see cref="IChatClient"/>s users build, each sending through a given HttpClient.</summary>
internal static class ChatClients
{
    public const string AnthropicApiKey = "sk-ant-api03-not-a-real-key-0123456789abcdefghijklmnopqrstuvwxyz";

    public const string AnthropicModel = "claude-sonnet-4-5";

    /// <summary>The OpenAI SDK's chat client as an IChatClient (Microsoft.Extensions.AI.OpenAI), at <c>/v1</c> of the HttpClient's base address.</summary>
    public static IChatClient OpenAI(HttpClient http) =>
        new global::OpenAI.Chat.ChatClient(
                FakeUpstream.Model,
                new ApiKeyCredential("sk-test-not-a-real-key"),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(http.BaseAddress!, "v1"),
                    Transport = new HttpClientPipelineTransport(http),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                })
            .AsIChatClient();

    /// <summary>The official Anthropic SDK's IChatClient, at api.anthropic.com.</summary>
    public static IChatClient Anthropic(HttpClient http) =>
        new AnthropicClient { ApiKey = AnthropicApiKey, BaseUrl = "https://api.anthropic.com", HttpClient = http, MaxRetries = 0 }
            .AsIChatClient(AnthropicModel, 1024);
}
