using System.Diagnostics;
using System.Text;

namespace Cassette.Tests.Format;

[Trait("Category", "Stress")]
public sealed class LargeCassetteTests
{
    [Fact]
    public void Load_100MegabyteCassette_ReadsEveryBodyWithBoundedMemory()
    {
        // 50 streamed interactions of 2 MB each, written by the writer, read back.
        var source = new CassetteFile(CassetteLayout.Compact2);
        for (int i = 0; i < 50; i++)
        {
            var body = new StringBuilder(2 << 20);
            for (int e = 0; body.Length < 2 << 20; e++)
            {
                body.Append("data: {\"i\":").Append(e).Append(",\"delta\":\"").Append((char)('a' + (e % 26)), 200).Append("\"}\n\n");
            }

            source.Add(new Interaction(
                new RecordedRequest { Method = "POST", Url = $"https://api.example.test/v1/chat/completions?n={i}", Body = "{}"u8.ToArray() },
                new RecordedResponse
                {
                    Code = 200,
                    Status = "200 OK",
                    Body = Encoding.UTF8.GetBytes(body.ToString()),
                    Headers = new Dictionary<string, IReadOnlyList<string>> { ["Content-Type"] = ["text/event-stream"] },
                }));
        }

        byte[] file = Encoding.UTF8.GetBytes(source.ToYaml());

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var loaded = CassetteFile.FromBytes(file, "large.yaml");
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(50, loaded.Interactions.Count);
        for (int i = 0; i < 50; i++)
        {
            Assert.True(source.Interactions[i].Response.Body.Span.SequenceEqual(loaded.Interactions[i].Response.Body.Span));
        }

        Assert.True(allocated < 8L * file.Length, $"Loading {file.Length} bytes allocated {allocated} bytes.");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{file.Length >> 20} MiB cassette: loaded in {clock.ElapsedMilliseconds} ms, {allocated >> 20} MiB allocated ({(double)allocated / file.Length:F1}x the file).");
    }
}
