using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>A theory whose rows are enumerated when it runs, each row with a cassette.</summary>
internal sealed class CassetteTheoryTestCase : XunitTheoryTestCase
{
    /// <summary>Called by xunit when it reads a test case back between discovery and execution.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public CassetteTheoryTestCase()
    {
    }

    public CassetteTheoryTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    public override Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource) =>
        new CassetteTheoryTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource).RunAsync();
}
