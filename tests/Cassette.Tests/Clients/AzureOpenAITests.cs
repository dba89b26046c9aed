using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Azure.AI.OpenAI;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;
using OpenAI.Chat;

namespace Cassette.Tests.Clients;

/// <summary>
/// Azure.AI.OpenAI: chat completions on a deployment, with the <c>api-version</c> query and the
/// <c>api-key</c> header, recorded then replayed with the upstream gone; the key never reaches disk.
/// </summary>
public sealed class AzureOpenAITests : IDisposable
{
    private const string ApiKey = "azure-key-0123456789abcdef0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-azure-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ChatClient Client(HttpClient http, Uri endpoint) =>
        new AzureOpenAIClient(
                endpoint,
                new ApiKeyCredential(ApiKey),
                new AzureOpenAIClientOptions { Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient("gpt-4o-mini-deployment");

    // Azure OpenAI's answers: its request-id headers, the completion as JSON or as a stream.
    private static async Task AzureAsync(HttpContext context, FakeUpstream upstream)
    {
        var request = upstream.Received.Last();
        context.Response.Headers["apim-request-id"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-client-request-id"] = request.Headers.TryGetValue("x-ms-client-request-id", out string? id) ? id : "";
        if (Encoding.UTF8.GetString(request.Body).Contains("\"stream\":true", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(FakeUpstream.SseBody(FakeUpstream.AnswerEvents));
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(FakeUpstream.Completion(FakeUpstream.AnswerText));
    }

    private static async Task<string> RunAsync(string path, CassetteMode mode, Uri endpoint, HttpMessageHandler upstream, bool streaming, bool sync)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var chat = Client(http, endpoint);
        ChatMessage[] messages = [new UserChatMessage("What's the weather in Florence?")];
        string text;
        if (streaming)
        {
            var updates = new List<StreamingChatCompletionUpdate>();
            if (sync)
            {
                updates.AddRange(chat.CompleteChatStreaming(messages, cancellationToken: Token));
            }
            else
            {
                await foreach (var update in chat.CompleteChatStreamingAsync(messages, cancellationToken: Token))
                {
                    updates.Add(update);
                }
            }

            var answer = new StringBuilder();
            answer.AppendJoin("", updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text));

            text = answer.ToString();
        }
        else
        {
            ChatCompletion completion = sync ? chat.CompleteChat(messages, cancellationToken: Token) : await chat.CompleteChatAsync(messages, cancellationToken: Token);
            text = completion.Content[0].Text;
        }

        session.VerifyAllPlayed();
        return text;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task CompleteChat_RecordedThenReplayedWithTheUpstreamGone_KeyNeverOnDisk(bool streaming, bool sync)
    {
        string path = Path.Combine(_folder, "chat.yaml");
        // Synchronous calls need real sockets: Kestrel on 127.0.0.1, whose address the replay asks for too.
        await using var upstream = await FakeUpstream.StartAsync(kestrel: sync);
        upstream.Handler = context => AzureAsync(context, upstream);
        var endpoint = sync ? upstream.BaseAddress : new Uri("https://contoso.openai.azure.com/");

        string recorded = await RunAsync(path, CassetteMode.Record, endpoint, upstream.CreateHandler(), streaming, sync);
        string replayed = await RunAsync(path, CassetteMode.Replay, endpoint, new GoneUpstream(), streaming, sync);

        Assert.Equal(FakeUpstream.AnswerText, recorded);
        Assert.Equal(recorded, replayed);
        Assert.Equal(ApiKey, upstream.Received.Single().Headers["api-key"]);
        var request = CassetteFile.Load(path).Interactions.Single().Request;
        Assert.StartsWith(endpoint.AbsoluteUri + "openai/deployments/gpt-4o-mini-deployment/chat/completions?api-version=", request.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, await File.ReadAllTextAsync(path, Token), StringComparison.Ordinal);
        Assert.DoesNotContain(request.Headers.Keys, k => k.Equals("Api-Key", StringComparison.OrdinalIgnoreCase));
    }
}
