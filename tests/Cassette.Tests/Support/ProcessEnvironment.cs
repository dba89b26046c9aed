namespace Cassette.Tests.Support;

/// <summary>
/// The tests that set process-wide environment variables such as <c>CASSETTE_MODE</c>: they
/// never run beside other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}
