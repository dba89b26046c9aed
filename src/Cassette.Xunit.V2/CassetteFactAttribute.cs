using Xunit;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>
/// A <c>[Fact]</c> with a cassette of its own: <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;.yaml</c>
/// under the test project's folder, opened before the test method runs in the mode
/// <c>CASSETTE_MODE</c> asks for, and saved when it ends. Inside the test,
/// <see cref="XunitCassette.Current"/> is the session: <c>using var http = XunitCassette.Current.CreateHttpClient();</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="UseCassetteAttribute"/> on the method, its class or the assembly says where the
/// cassette is kept; without one, under <c>fixtures/</c>. A test class that implements
/// <see cref="IConfigureCassette"/> adjusts the options of its tests' cassettes.
/// </para>
/// <para>
/// Recorded interactions that a passing test never replayed fail it (unless
/// <see cref="UseCassetteAttribute.VerifyAllPlayed"/> is <see langword="false"/>). When the test
/// fails, its own failure is what is reported; in a record mode its cassette is left as it was
/// and what was recorded is written beside it as <c>NAME.partial.yaml</c>. A failure to save is
/// reported beside the test's own failure, never in place of it.
/// </para>
/// </remarks>
[XunitTestCaseDiscoverer("Cassette.Xunit.CassetteFactDiscoverer", "Cassette.Xunit.V2")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CassetteFactAttribute : FactAttribute
{
}
