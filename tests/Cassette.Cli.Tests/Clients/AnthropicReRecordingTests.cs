using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Clients;

/// <summary>
/// Two recordings of the same Anthropic conversation (extended thinking, then tool use, through
/// the SDK's IChatClient): the message and tool use ids, the thinking signature and the
/// request-id and rate-limit headers the service makes up differ, and <c>cassette diff</c> sees
/// no change.
/// </summary>
public sealed class AnthropicReRecordingTests : IDisposable
{
    private readonly ReRecording _recordings = new();

    public void Dispose() => _recordings.Dispose();

    private Task<string> RecordAsync(FakeAnthropic fake, bool streaming) => _recordings.RecordAsync(
        upstream => fake.Serve(upstream),
        async (path, upstream) => Assert.Equal(
            fake.Answer,
            (await WeatherChat.RunAsync(path, CassetteMode.Record, upstream, ChatClients.Anthropic, streaming)).Response.Text));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithOnlyMadeUpValuesChanged_ReportsNoSemanticChanges(bool streaming)
    {
        string first = await RecordAsync(new FakeAnthropic(), streaming);
        string second = await RecordAsync(new FakeAnthropic(), streaming);

        ReRecording.AssertNoSemanticChanges(first, second, "id", "signature", "tool_use_id", "Request-Id", "Anthropic-Ratelimit-*");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Diff_ReRecordedWithAnotherAnswer_ReportsTheAnswer(bool streaming)
    {
        string first = await RecordAsync(new FakeAnthropic(), streaming);
        string second = await RecordAsync(new FakeAnthropic { Answer = "It is raining in Florence, 12°C." }, streaming);

        ReRecording.AssertReported(first, second, "It is sunny in Florence, 24°C.", "It is raining in Florence, 12°C.");
    }

    [Fact]
    public async Task Diff_ReRecordedWithAnotherToolArgument_ReportsTheArgument()
    {
        string first = await RecordAsync(new FakeAnthropic(), streaming: false);
        string second = await RecordAsync(new FakeAnthropic { Location = "Rome, Italy" }, streaming: false);

        string output = ReRecording.AssertReported(first, second, "Florence, Italy", "Rome, Italy");

        Assert.Contains("(2 interactions changed)", output, StringComparison.Ordinal);
    }
}
