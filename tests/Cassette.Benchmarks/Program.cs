using BenchmarkDotNet.Running;
using Cassette.Benchmarks;

if (args is ["--recording-overhead"])
{
    await RecordingOverhead.RunAsync();
    return;
}

if (args is ["--serve-load", ..])
{
    await ServeLoadRun.RunAsync(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CorpusFiles).Assembly).Run(args);
