using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>
/// Finds <see cref="CassetteTheoryAttribute"/> tests: a test case per data row when xunit can
/// enumerate the rows while discovering, else one that enumerates them when it runs. Skipped
/// theories and rows keep xunit's own test cases: they never run, so they need no cassette.
/// </summary>
internal sealed class CassetteTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new CassetteTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        [new CassetteTheoryTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
