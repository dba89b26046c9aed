using System.Reflection;

namespace Cassette.Xunit;

/// <summary>
/// Where the cassettes of <see cref="CassetteFactAttribute"/> and
/// <see cref="CassetteTheoryAttribute"/> tests are kept, and whether recorded interactions that a
/// passing test never replayed fail it. Without it, a test's cassette is
/// <c>fixtures/&lt;Class&gt;/&lt;Method&gt;.yaml</c> under the test project's folder.
/// </summary>
/// <remarks>
/// Put it on a test method, a test class, or the assembly; when it is on several, the most
/// specific one decides. It only says where: the test itself is marked <c>[CassetteFact]</c> or
/// <c>[CassetteTheory]</c>, because a plain <c>[Fact]</c> gives an adapter no way to see whether
/// the test failed.
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
    /// <value><see langword="null"/>: <c>&lt;Class&gt;/&lt;Method&gt;.yaml</c>, and for a theory row <c>&lt;Class&gt;/&lt;Method&gt;(&lt;arguments&gt;).yaml</c>.</value>
    public string? Path { get; set; }

    /// <summary>Whether a test that passed fails when it did not replay every recorded interaction.</summary>
    /// <value><see langword="true"/>: stale recordings are noticed.</value>
    public bool VerifyAllPlayed { get; set; } = true;

    // The test class, not the method's declaring type: an inherited test takes the settings, and the
    // cassette folder, of the class that runs it.
    internal static TestCassetteSettings For(MethodInfo testMethod, Type testClass)
    {
        var attribute = testMethod.GetCustomAttribute<UseCassetteAttribute>()
            ?? testClass.GetCustomAttribute<UseCassetteAttribute>()
            ?? testClass.Assembly.GetCustomAttribute<UseCassetteAttribute>()
            ?? new UseCassetteAttribute();
        return new TestCassetteSettings { Root = attribute.Root, Path = attribute.Path, VerifyAllPlayed = attribute.VerifyAllPlayed };
    }
}
