using Cassette;
using Cassette.TUnit;
using Consumers;

[assembly: UseCassette(Root = "../fixtures")]

namespace Consumers.TUnitConsumer;

/// <summary>The committed recording is only ever replayed, whatever CASSETTE_MODE says.</summary>
public class OpenRouterReplayTests : IConfigureCassette
{
    public void ConfigureCassette(CassetteSessionOptions options) => options.Mode = CassetteMode.Replay;

    [Test]
    public async Task ReplaysCommittedRecording()
    {
        using var http = TUnitCassette.Current.CreateHttpClient();

        await Assert.That(await Chat.ReplayOpenRouterConversationAsync(http)).IsEqualTo(Chat.RecordedAnswer);
    }
}

/// <summary>Recorded from the fake upstream with CASSETTE_MODE=record, then replayed with it gone.</summary>
public class ChatRecordingTests
{
    [Test]
    public async Task RecordsThenReplays()
    {
        using var http = TUnitCassette.Current.CreateHttpClient(Chat.Upstream());

        await Assert.That(await Chat.AskAsync(http)).IsEqualTo(Chat.FakeAnswer);
    }
}
