using Cassette;
using Cassette.NUnit;
using Consumers;
using NUnit.Framework;

[assembly: UseCassette(Root = "../fixtures")]

namespace Consumers.NUnitConsumer;

/// <summary>The committed recording is only ever replayed, whatever CASSETTE_MODE says.</summary>
public class OpenRouterReplayTests : IConfigureCassette
{
    public void ConfigureCassette(CassetteSessionOptions options) => options.Mode = CassetteMode.Replay;

    [Test]
    public async Task ReplaysCommittedRecording()
    {
        using var http = NUnitCassette.Current.CreateHttpClient();

        Assert.That(await Chat.ReplayOpenRouterConversationAsync(http), Is.EqualTo(Chat.RecordedAnswer));
    }
}

/// <summary>Recorded from the fake upstream with CASSETTE_MODE=record, then replayed with it gone.</summary>
public class ChatRecordingTests
{
    [Test]
    public async Task RecordsThenReplays()
    {
        using var http = NUnitCassette.Current.CreateHttpClient(Chat.Upstream());

        Assert.That(await Chat.AskAsync(http), Is.EqualTo(Chat.FakeAnswer));
    }
}
