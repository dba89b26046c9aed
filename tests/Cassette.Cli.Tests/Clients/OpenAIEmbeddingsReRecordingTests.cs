using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// Two recordings of the same OpenAI SDK embedding: the request-id, timing and rate-limit
/// headers OpenAI makes up differ, and <c>cassette diff</c> sees no change.
/// </summary>
public sealed class OpenAIEmbeddingsReRecordingTests : IDisposable
{
    private readonly ReRecording _recordings = new();

    public void Dispose() => _recordings.Dispose();

    // TestHost, so that both recordings reach the same URL (Kestrel would listen on a new port each time).
    private Task<string> RecordAsync(FakeOpenAIEmbeddings fake) => _recordings.RecordAsync(
        upstream => fake.Serve(upstream),
        (path, upstream) =>
        {
            Assert.Equal(fake.Vector, OpenAIEmbeddingsCall.Embed(path, CassetteMode.Record, new Uri("http://localhost/v1"), upstream, sync: false));
            return Task.CompletedTask;
        });

    [Fact]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_ReportsNoSemanticChanges()
    {
        string first = await RecordAsync(new FakeOpenAIEmbeddings());
        string second = await RecordAsync(new FakeOpenAIEmbeddings());

        ReRecording.AssertNoSemanticChanges(first, second, "X-Request-Id", "X-Ratelimit-*");
    }

    [Fact]
    public async Task Diff_ReRecordedWithAnotherVector_ReportsTheValue()
    {
        string first = await RecordAsync(new FakeOpenAIEmbeddings());
        string second = await RecordAsync(new FakeOpenAIEmbeddings { Vector = [0.0023064255f, -0.009327292f, 0.5f] });

        var (exitCode, output, error) = ReRecording.Diff(first, second);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains("@@ $.data[0].embedding[2] @@", output, StringComparison.Ordinal);
        Assert.Matches(@"\n *- +0\.015797347\n *\+ +0\.5\n", output);
    }
}
