using Cassette.Tests.Support;

namespace Cassette.Tests.Clients;

/// <summary>
/// Azure.AI.OpenAI: chat completions on a deployment, with the <c>api-version</c> query and the
/// <c>api-key</c> header, recorded then replayed with the upstream gone; the key never reaches disk.
/// </summary>
public sealed class AzureOpenAITests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-azure-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

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
        new FakeOpenAIChat { Azure = true }.Serve(upstream);
        var endpoint = sync ? upstream.BaseAddress : AzureOpenAIChat.Endpoint;

        string recorded = await AzureOpenAIChat.RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), streaming, sync, endpoint);
        string replayed = await AzureOpenAIChat.RunAsync(path, CassetteMode.Replay, new GoneUpstream(), streaming, sync, endpoint);

        Assert.Equal(FakeUpstream.AnswerText, recorded);
        Assert.Equal(recorded, replayed);
        Assert.Equal(AzureOpenAIChat.ApiKey, upstream.Received.Single().Headers["api-key"]);
        var request = CassetteFile.Load(path).Interactions.Single().Request;
        Assert.StartsWith(endpoint.AbsoluteUri + "openai/deployments/gpt-4o-mini-deployment/chat/completions?api-version=", request.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(AzureOpenAIChat.ApiKey, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(request.Headers.Keys, k => k.Equals("Api-Key", StringComparison.OrdinalIgnoreCase));
    }
}
