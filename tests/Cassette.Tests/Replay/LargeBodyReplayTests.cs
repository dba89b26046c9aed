using System.Diagnostics;
using System.Text;
using static Cassette.Tests.Support.TestInteractions;

namespace Cassette.Tests.Replay;

[Trait("Category", "Stress")]
public sealed class LargeBodyReplayTests
{
    [Fact]
    public void Send_200MegabyteSseBody_StreamsEveryByteWithoutCopyingTheBody()
    {
        byte[] body = SseBody(200 << 20);
        var sse = Sse("{}", "");
        var cassette = NewCassette(sse with { Response = sse.Response with { Body = body } });
        using var http = new HttpClient(new ReplayingHandler(cassette));
        byte[] buffer = new byte[64 * 1024];

        // Synchronous all the way, so this thread's allocation counter sees the whole replay.
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        using var response = http.Send(Request("{}"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var stream = response.Content.ReadAsStream(TestContext.Current.CancellationToken);
        long offset = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            Assert.True(buffer.AsSpan(0, read).SequenceEqual(body.AsSpan((int)offset, read)), $"Bytes differ at offset {offset}.");
            offset += read;
        }

        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(body.Length, offset);
        Assert.True(allocated < body.Length / 4, $"Replaying a {body.Length}-byte body allocated {allocated} bytes: the body was copied.");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"200 MB SSE replay: {clock.ElapsedMilliseconds} ms, {allocated / 1024} KiB allocated while streaming, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB.");
    }

    private static byte[] SseBody(int size)
    {
        var body = new byte[size];
        int at = 0;
        for (int i = 0; at < size; i++)
        {
            byte[] line = Encoding.UTF8.GetBytes($"data: {{\"i\":{i},\"delta\":\"{new string((char)('a' + (i % 26)), 900)}\"}}\n\n");
            int n = Math.Min(line.Length, size - at);
            line.AsSpan(0, n).CopyTo(body.AsSpan(at));
            at += n;
        }

        return body;
    }
}
