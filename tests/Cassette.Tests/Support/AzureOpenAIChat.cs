using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Cassette.Tests.Support;

/// <summary>A chat completion through Azure.AI.OpenAI, on a deployment at contoso.openai.azure.com, through a cassette.</summary>
internal static class AzureOpenAIChat
{
    public const string ApiKey = "azure-key-0123456789abcdef0123456789abcdef";

    /// <summary>Asks the deployment the weather in Florence, streamed or not, and checks every recorded interaction was played.</summary>
    public static async Task<string> RunAsync(string path, CassetteMode mode, HttpMessageHandler upstream, bool streaming)
    {
        var token = TestContext.Current.CancellationToken;
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var chat = new AzureOpenAIClient(
                new Uri("https://contoso.openai.azure.com/"),
                new ApiKeyCredential(ApiKey),
                new AzureOpenAIClientOptions { Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient("gpt-4o-mini-deployment");
        ChatMessage[] messages = [new UserChatMessage("What's the weather in Florence?")];
        string text;
        if (streaming)
        {
            var answer = new StringBuilder();
            await foreach (var update in chat.CompleteChatStreamingAsync(messages, cancellationToken: token))
            {
                foreach (var part in update.ContentUpdate)
                {
                    answer.Append(part.Text);
                }
            }

            text = answer.ToString();
        }
        else
        {
            ChatCompletion completion = await chat.CompleteChatAsync(messages, cancellationToken: token);
            text = completion.Content[0].Text;
        }

        session.VerifyAllPlayed();
        return text;
    }
}
