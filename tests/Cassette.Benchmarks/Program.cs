using BenchmarkDotNet.Running;
using Cassette.Benchmarks;

if (args is ["--recording-overhead"])
{
    await RecordingOverhead.RunAsync();
    return;
}

if (args is ["--recording-breakdown", ..])
{
    // No path: an in-memory upstream; "burst" or "paced": the overhead benchmark's Kestrel upstream.
    await RecordingBreakdown.RunAsync(args.Length > 1 ? args[1] : null);
    return;
}

if (args is ["--serve-load", ..])
{
    await ServeLoadRun.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CorpusFiles).Assembly).Run(args);
