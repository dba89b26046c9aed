using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Cassette.Xunit;

/// <summary>
/// Gives each test a cassette of its own: <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;.yaml</c> under
/// the test project's folder, opened before the test in the mode <c>CASSETTE_MODE</c> asks for,
/// and saved when the test ends. Recorded interactions that a passing test never replayed fail
/// it, unless <see cref="VerifyAllPlayed"/> is <see langword="false"/>. Inside the test,
/// <see cref="XunitCassette.Current"/> is the session: <c>using var http = XunitCassette.Current.CreateHttpClient();</c>.
/// </summary>
/// <remarks>
/// Put it on a test method, a test class, or the assembly; when it is on several, the most
/// specific one decides. A test class that implements <see cref="IConfigureCassette"/> adjusts the
/// options of its tests' cassettes. When a test fails in a record mode, its cassette is left as it
/// was and what was recorded is written beside it as <c>NAME.partial.yaml</c>. Failures at the end
/// of a test are reported beside the test's own failure, never in place of it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UseCassetteAttribute : BeforeAfterTestAttribute
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

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        ArgumentNullException.ThrowIfNull(test);
        var context = TestContext.Current;

        // xunit runs the attribute of the assembly, the class and the method alike: the first
        // one to run opens the cassette, with the settings of the most specific one.
        string key = XunitCassette.StorageKey(test);
        if (context.KeyValueStorage.ContainsKey(key))
        {
            return;
        }

        var settings = MostSpecific(methodUnderTest) ?? this;
        context.KeyValueStorage[key] = TestCassette.Open(
            methodUnderTest.ReflectedType ?? methodUnderTest.DeclaringType!,
            methodUnderTest.Name,
            test.TestMethodArguments,
            new TestCassetteSettings { Root = settings.Root, Path = settings.Path, VerifyAllPlayed = settings.VerifyAllPlayed },
            context.TestClassInstance,
            context.AddWarning);
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var context = TestContext.Current;
        if (context.KeyValueStorage.TryRemove(XunitCassette.StorageKey(test), out object? value) && value is TestCassette cassette)
        {
            cassette.End(testFailed: context.TestState?.Result == TestResult.Failed);
        }
    }

    private static UseCassetteAttribute? MostSpecific(MethodInfo method) =>
        method.GetCustomAttribute<UseCassetteAttribute>()
        ?? method.ReflectedType?.GetCustomAttribute<UseCassetteAttribute>()
        ?? method.DeclaringType?.GetCustomAttribute<UseCassetteAttribute>()
        ?? (method.ReflectedType ?? method.DeclaringType)?.Assembly.GetCustomAttribute<UseCassetteAttribute>();
}
