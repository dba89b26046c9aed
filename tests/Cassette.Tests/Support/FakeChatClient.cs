using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cassette.Tests.Support;

/// <summary>The OpenAI SDK's chat completions client, as an <see cref="IChatClient"/>, sending through an <see cref="HttpClient"/> to its base address.</summary>
internal static class FakeChatClient
{
    public static IChatClient Over(HttpClient http) =>
        new OpenAI.Chat.ChatClient(
                FakeUpstream.Model,
                new ApiKeyCredential("sk-test-not-a-real-key"),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(http.BaseAddress!, "v1"),
                    Transport = new HttpClientPipelineTransport(http),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                })
            .AsIChatClient();
}
