using Cassette;
using Cassette.MSTest;
using Consumers;
using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: UseCassette(Root = "../fixtures")]

namespace Consumers.MSTestConsumer;

/// <summary>The committed recording is only ever replayed, whatever CASSETTE_MODE says.</summary>
[TestClass]
public class OpenRouterReplayTests : CassetteTest, IConfigureCassette
{
    public void ConfigureCassette(CassetteSessionOptions options) => options.Mode = CassetteMode.Replay;

    [TestMethod]
    public async Task ReplaysCommittedRecording()
    {
        using var http = MSTestCassette.Current.CreateHttpClient();

        Assert.AreEqual(Chat.RecordedAnswer, await Chat.ReplayOpenRouterConversationAsync(http));
    }
}

/// <summary>Recorded from the fake upstream with CASSETTE_MODE=record, then replayed with it gone.</summary>
[TestClass]
public class ChatRecordingTests : CassetteTest
{
    [TestMethod]
    public async Task RecordsThenReplays()
    {
        using var http = MSTestCassette.Current.CreateHttpClient(Chat.Upstream());

        Assert.AreEqual(Chat.FakeAnswer, await Chat.AskAsync(http));
    }
}
