using Cassette.Tests.Support;

namespace Cassette.Tests.Clients;

/// <summary>The OpenAI SDK's embeddings, asynchronous and synchronous, recorded then replayed with the upstream gone.</summary>
public sealed class OpenAIEmbeddingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-embeddings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateEmbedding_RecordedThenReplayedWithTheUpstreamGone(bool sync)
    {
        string path = Path.Combine(_folder, "embeddings.yaml");
        await using var upstream = await FakeUpstream.StartAsync(kestrel: sync);
        new FakeOpenAIEmbeddings().Serve(upstream);

        // Synchronous calls need real sockets: Kestrel on 127.0.0.1, whose address the replay asks for too.
        var endpoint = upstream.Url("v1");
        float[] recorded = OpenAIEmbeddingsCall.Embed(path, CassetteMode.Record, endpoint, upstream.CreateHandler(), sync);
        float[] replayed = OpenAIEmbeddingsCall.Embed(path, CassetteMode.Replay, endpoint, new GoneUpstream(), sync);

        Assert.Equal([0.0023064255f, -0.009327292f, 0.015797347f], recorded);
        Assert.Equal(recorded, replayed);
    }
}
