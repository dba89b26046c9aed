using Cassette;
using Cassette.Xunit;
using Consumers;
using Xunit;

[assembly: UseCassette(Root = "../fixtures")]

namespace Consumers.XunitV2Consumer;

/// <summary>The committed recording is only ever replayed, whatever CASSETTE_MODE says.</summary>
public class OpenRouterReplayTests : IConfigureCassette
{
    public void ConfigureCassette(CassetteSessionOptions options) => options.Mode = CassetteMode.Replay;

    [CassetteFact]
    public async Task ReplaysCommittedRecording()
    {
        using var http = XunitCassette.Current.CreateHttpClient();

        Assert.Equal(Chat.RecordedAnswer, await Chat.ReplayOpenRouterConversationAsync(http));
    }
}

/// <summary>Recorded from the fake upstream with CASSETTE_MODE=record, then replayed with it gone.</summary>
public class ChatRecordingTests
{
    [CassetteFact]
    public async Task RecordsThenReplays()
    {
        using var http = XunitCassette.Current.CreateHttpClient(Chat.Upstream());

        Assert.Equal(Chat.FakeAnswer, await Chat.AskAsync(http));
    }
}
