using System.Reflection;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>
/// Runs one test with its cassette (<see cref="CassetteTestInvoker"/>), and adds the cassette's
/// warnings to the test's output, where every runner shows them beside the result.
/// </summary>
internal sealed class CassetteTestRunner(
    ITest test,
    IMessageBus messageBus,
    Type testClass,
    object[] constructorArguments,
    MethodInfo testMethod,
    object[] testMethodArguments,
    string skipReason,
    IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestRunner(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource)
{
    private readonly StringBuilder _warnings = new();

    protected override async Task<Tuple<decimal, string>> InvokeTestAsync(ExceptionAggregator aggregator)
    {
        // Resumes on xunit's context, which bounds how many tests run at once.
        var (time, output) = await base.InvokeTestAsync(aggregator).ConfigureAwait(true);
        lock (_warnings)
        {
            return Tuple.Create(time, output + _warnings);
        }
    }

    protected override Task<decimal> InvokeTestMethodAsync(ExceptionAggregator aggregator) =>
        new CassetteTestInvoker(Test, MessageBus, TestClass, ConstructorArguments, TestMethod, TestMethodArguments, BeforeAfterAttributes, aggregator, CancellationTokenSource, Warn)
            .RunAsync();

    // A warning can come from a response still being recorded on another thread.
    private void Warn(string message)
    {
        string line = "Cassette: " + message + Environment.NewLine;
        lock (_warnings)
        {
            _warnings.Append(line);
        }

        // As the test's output helper does: runners that show output live show it at once.
        MessageBus.QueueMessage(new TestOutput(Test, line));
    }
}
