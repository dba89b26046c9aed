using BenchmarkDotNet.Running;
using Cassette.Benchmarks;

if (args is ["--recording-overhead", "--raw"])
{
    await RecordingOverhead.RunOnceAsync(raw: true);
    return;
}

if (args is ["--recording-overhead", ..])
{
    // With a number: that many runs, each in a process of its own, and their mean and range.
    await RecordingOverhead.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
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
