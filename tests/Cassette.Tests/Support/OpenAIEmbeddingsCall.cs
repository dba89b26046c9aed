using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Embeddings;

namespace Cassette.Tests.Support;

/// <summary>An embedding through the OpenAI SDK's <see cref="EmbeddingClient"/>, through a cassette.</summary>
internal static class OpenAIEmbeddingsCall
{
    /// <summary>Embeds one sentence, synchronously or not, and checks every recorded interaction was played.</summary>
    public static float[] Embed(string path, CassetteMode mode, Uri endpoint, HttpMessageHandler upstream, bool sync)
    {
        var token = TestContext.Current.CancellationToken;
        using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var client = new EmbeddingClient(
            "text-embedding-3-small",
            new ApiKeyCredential("sk-test-not-a-real-key"),
            new OpenAIClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });
        OpenAIEmbedding embedding = sync
            ? client.GenerateEmbedding("The food was delicious.", cancellationToken: token)
            : client.GenerateEmbeddingAsync("The food was delicious.", cancellationToken: token).GetAwaiter().GetResult();
        session.VerifyAllPlayed();
        return embedding.ToFloats().ToArray();
    }
}
