using System.ClientModel;
using System.ClientModel.Primitives;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;
using OpenAI;
using OpenAI.Embeddings;

namespace Cassette.Tests.Clients;

/// <summary>The OpenAI SDK's embeddings, asynchronous and synchronous, recorded then replayed with the upstream gone.</summary>
public sealed class OpenAIEmbeddingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-embeddings-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The embeddings endpoint as documented: one vector per input, with usage.
    private static Task EmbeddingsAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}""");
    }

    private static float[] Embed(string path, CassetteMode mode, Uri endpoint, HttpMessageHandler upstream, bool sync)
    {
        using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var client = new EmbeddingClient(
            "text-embedding-3-small",
            new ApiKeyCredential("sk-test-not-a-real-key"),
            new OpenAIClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });
        OpenAIEmbedding embedding = sync
            ? client.GenerateEmbedding("The food was delicious.", cancellationToken: Token)
            : client.GenerateEmbeddingAsync("The food was delicious.", cancellationToken: Token).GetAwaiter().GetResult();
        session.VerifyAllPlayed();
        return embedding.ToFloats().ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateEmbedding_RecordedThenReplayedWithTheUpstreamGone(bool sync)
    {
        string path = Path.Combine(_folder, "embeddings.yaml");
        await using var upstream = await FakeUpstream.StartAsync(kestrel: sync);
        upstream.Handler = EmbeddingsAsync;

        // Synchronous calls need real sockets: Kestrel on 127.0.0.1, whose address the replay asks for too.
        var endpoint = upstream.Url("v1");
        float[] recorded = Embed(path, CassetteMode.Record, endpoint, upstream.CreateHandler(), sync);
        float[] replayed = Embed(path, CassetteMode.Replay, endpoint, new GoneUpstream(), sync);

        Assert.Equal([0.0023064255f, -0.009327292f, 0.015797347f], recorded);
        Assert.Equal(recorded, replayed);
    }
}
