using Xunit.Abstractions;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>Finds <see cref="CassetteFactAttribute"/> tests: xunit's facts, run with a cassette.</summary>
internal sealed class CassetteFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new CassetteTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
