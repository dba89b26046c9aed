using Xunit;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>
/// A <c>[Theory]</c> whose every row has a cassette of its own:
/// <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;(&lt;arguments&gt;).yaml</c> under the test
/// project's folder, opened and ended around each row as <see cref="CassetteFactAttribute"/> does
/// around a fact. Inside the test, <see cref="XunitCassette.Current"/> is the row's session.
/// </summary>
/// <remarks>
/// The rows come from the usual data attributes (<c>[InlineData]</c>, <c>[MemberData]</c>,
/// <c>[ClassData]</c>), including data that xunit can only enumerate when the theory runs.
/// </remarks>
[XunitTestCaseDiscoverer("Cassette.Xunit.CassetteTheoryDiscoverer", "Cassette.Xunit.V2")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CassetteTheoryAttribute : TheoryAttribute
{
}
