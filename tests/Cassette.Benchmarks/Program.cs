using BenchmarkDotNet.Running;
using Cassette.Benchmarks;

if (args is ["--recording-overhead"])
{
    await RecordingOverhead.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
