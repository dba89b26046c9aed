using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>
/// Invokes the test method between opening its cassette and ending it. xunit v2's
/// <c>BeforeAfterTestAttribute</c> sees neither the test class instance nor whether the test
/// failed; the invoker sees both: the instance configures the cassette, and the test's
/// exceptions, gathered in <see cref="TestInvoker{TTestCase}.Aggregator"/>, say how to end it.
/// </summary>
internal sealed class CassetteTestInvoker(
    ITest test,
    IMessageBus messageBus,
    Type testClass,
    object[] constructorArguments,
    MethodInfo testMethod,
    object[] testMethodArguments,
    IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource,
    Action<string> onWarning)
    : XunitTestInvoker(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, beforeAfterAttributes, aggregator, cancellationTokenSource)
{
    protected override async Task<decimal> InvokeTestMethodAsync(object testClassInstance)
    {
        TestCassette? cassette = null;
        Aggregator.Run(() => cassette = TestCassette.Open(
            TestClass,
            TestMethod.Name,
            TestMethodArguments,
            UseCassetteAttribute.For(TestMethod, TestClass),
            testClassInstance,
            onWarning));
        if (cassette is null)
        {
            return 0m;
        }

        bool completed = false;
        XunitCassette.Running = cassette;
        try
        {
            // Resumes on xunit's context, which bounds how many tests run at once.
            decimal time = await base.InvokeTestMethodAsync(testClassInstance).ConfigureAwait(true);
            completed = true;
            return time;
        }
        finally
        {
            XunitCassette.Running = null;

            // The test's own failure stays the one reported: a failure to end the cassette is
            // added beside it, and after a failed test End never checks what was replayed.
            bool testFailed = !completed || Aggregator.HasExceptions;
            Aggregator.Run(() => cassette.End(testFailed));
        }
    }
}
