using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Cassette.Tests.Support;

/// <summary>A chat completion through Azure.AI.OpenAI, on a deployment (at contoso.openai.azure.com unless told), through a cassette.</summary>
internal static class AzureOpenAIChat
{
    public const string ApiKey = "azure-key-0123456789abcdef0123456789abcdef";

    public static Uri Endpoint { get; } = new("https://contoso.openai.azure.com/");

    /// <summary>
    /// Asks the deployment the weather in Florence, streamed or not, through the asynchronous or
    /// the synchronous API, and checks every recorded interaction was played.
    /// </summary>
    public static async Task<string> RunAsync(string path, CassetteMode mode, HttpMessageHandler upstream, bool streaming, bool sync = false, Uri? endpoint = null)
    {
        var token = TestContext.Current.CancellationToken;
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var chat = new AzureOpenAIClient(
                endpoint ?? Endpoint,
                new ApiKeyCredential(ApiKey),
                new AzureOpenAIClientOptions { Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient("gpt-4o-mini-deployment");
        ChatMessage[] messages = [new UserChatMessage("What's the weather in Florence?")];
        string text;
        if (streaming)
        {
            var updates = new List<StreamingChatCompletionUpdate>();
            if (sync)
            {
                updates.AddRange(chat.CompleteChatStreaming(messages, cancellationToken: token));
            }
            else
            {
                await foreach (var update in chat.CompleteChatStreamingAsync(messages, cancellationToken: token))
                {
                    updates.Add(update);
                }
            }

            text = string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text));
        }
        else
        {
            ChatCompletion completion = sync ? chat.CompleteChat(messages, cancellationToken: token) : await chat.CompleteChatAsync(messages, cancellationToken: token);
            text = completion.Content[0].Text;
        }

        session.VerifyAllPlayed();
        return text;
    }
}
