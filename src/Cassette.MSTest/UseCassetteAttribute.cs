namespace Cassette.MSTest;

/// <summary>
/// Gives each test of a class that derives from <c>CassetteTest</c>
/// a cassette of its own: <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;.yaml</c> under the test
/// project's folder, and for a data row <c>&lt;Method&gt;(&lt;arguments&gt;).yaml</c>, opened
/// before the test in the mode <c>CASSETTE_MODE</c> asks for and saved when the test ends.
/// Recorded interactions that a passing test never replayed fail it, unless
/// <see cref="VerifyAllPlayed"/> is <see langword="false"/>. Inside the test,
/// <see cref="MSTestCassette.Current"/> is the session: <c>using var http = MSTestCassette.Current.CreateHttpClient();</c>.
/// </summary>
/// <remarks>
/// Put it on a test method, a test class, or the assembly; when it is on several, the most
/// specific one decides. A test class that implements <see cref="IConfigureCassette"/> adjusts the
/// options of its tests' cassettes. When a test fails in a record mode, its cassette is left as it
/// was and what was recorded is written beside it as <c>NAME.partial.yaml</c>. A failed test
/// reports its own failure, never one about the cassette.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UseCassetteAttribute : Attribute
{
    /// <summary>
    /// The folder of the cassettes. A relative path is taken from the test project's folder, so
    /// that recordings land in the source tree rather than in <c>bin</c>.
    /// </summary>
    /// <value><c>fixtures</c>.</value>
    public string Root { get; set; } = "fixtures";

    /// <summary>The cassette file, relative to <see cref="Root"/>; <see langword="null"/> names it after the test.</summary>
    /// <value><see langword="null"/>: <c>&lt;Class&gt;/&lt;Method&gt;.yaml</c>, and for a data row <c>&lt;Class&gt;/&lt;Method&gt;(&lt;arguments&gt;).yaml</c>.</value>
    public string? Path { get; set; }

    /// <summary>Whether a test that passed fails when it did not replay every recorded interaction.</summary>
    /// <value><see langword="true"/>: stale recordings are noticed.</value>
    public bool VerifyAllPlayed { get; set; } = true;

    internal TestCassetteSettings ToSettings() => new() { Root = Root, Path = Path, VerifyAllPlayed = VerifyAllPlayed };
}
