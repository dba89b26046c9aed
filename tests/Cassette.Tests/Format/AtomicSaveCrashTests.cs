using System.Diagnostics;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

[Trait("Category", "Stress")]
public sealed class AtomicSaveCrashTests
{
    [Fact(Timeout = 180_000)]
    public async Task Save_ProcessKilledAtRandomPoints_LeavesAWholeLoadableCassette()
    {
        string first = Fixtures.CorpusFiles.OrderByDescending(f => new FileInfo(f).Length).First();
        string second = Fixtures.Seed("tool_streaming_kimi-k2_moonshotai.yaml");
        byte[][] whole = [File.ReadAllBytes(first), File.ReadAllBytes(second)];
        using var temp = new TempDirectory();
        string target = temp.PathOf("cassette.yaml");
        File.Copy(second, target);
        var random = new Random(11);
        var cancellationToken = TestContext.Current.CancellationToken;

        for (int round = 0; round < 6; round++)
        {
            // The child saves the two cassettes alternately without pause; killing it after a
            // random count of saves lands the kill somewhere inside a later save.
            int killAfter = random.Next(1, 30);
            var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int savedCount = 0;
            using var process = StartChild(first, second, target);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    saved.TrySetException(new InvalidOperationException("The child exited before it was killed."));
                }
                else if (Interlocked.Increment(ref savedCount) == killAfter)
                {
                    saved.TrySetResult();
                }
            };
            process.BeginOutputReadLine();
            try
            {
                await saved.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken);
            }

            byte[] now = await File.ReadAllBytesAsync(target, cancellationToken);
            Assert.True(now.AsSpan().SequenceEqual(whole[0]) || now.AsSpan().SequenceEqual(whole[1]),
                $"Round {round}: the cassette is neither of the two saved versions ({now.Length} bytes).");
            Assert.NotEmpty(CassetteFile.Load(target).Interactions);
        }
    }

    private static Process StartChild(string first, string second, string target)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cassette.CrashHelper.dll"));
        start.ArgumentList.Add(first);
        start.ArgumentList.Add(second);
        start.ArgumentList.Add(target);
        return Process.Start(start)!;
    }
}
