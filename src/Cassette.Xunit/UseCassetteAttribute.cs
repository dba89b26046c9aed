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
        if (context.KeyValueStorage.ContainsKey(XunitCassette.StorageKey(test)))
        {
            return;
        }

        var settings = MostSpecific(methodUnderTest) ?? this;
        var options = new CassetteSessionOptions();
        options.Recording.OnWarning = context.AddWarning;
        (context.TestClassInstance as IConfigureCassette)?.ConfigureCassette(options);
        var session = CassetteSession.Open(settings.CassettePath(test, methodUnderTest), options);
        context.KeyValueStorage[XunitCassette.StorageKey(test)] = new XunitCassette.Entry(session, settings.VerifyAllPlayed);
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var context = TestContext.Current;
        if (!context.KeyValueStorage.TryRemove(XunitCassette.StorageKey(test), out object? value) || value is not XunitCassette.Entry entry)
        {
            return;
        }

        End(entry.Session, testFailed: context.TestState?.Result == TestResult.Failed, entry.VerifyAllPlayed);
    }

    /// <summary>Ends a test's session: saves it, or after a failed test keeps the cassette as it was; checks unplayed interactions only after a test that passed.</summary>
    /// <exception cref="CassetteUnplayedException">The test passed, <paramref name="verifyAllPlayed"/> is set, and interactions were not replayed.</exception>
    internal static void End(CassetteSession session, bool testFailed, bool verifyAllPlayed)
    {
        using (session)
        {
            if (testFailed)
            {
                // The test's own error is the one to read: the interactions it did not replay follow from it.
                session.MarkFailed();
            }
            else if (verifyAllPlayed)
            {
                session.VerifyAllPlayed();
            }
        }
    }

    internal string CassettePath(IXunitTest test, MethodInfo method)
    {
        var assembly = method.DeclaringType?.Assembly ?? method.Module.Assembly;
        if (Path is not null)
        {
            return Cassette.CassettePath.Resolve(System.IO.Path.Combine(Root, Path), assembly);
        }

        string className = test.TestCase.TestClassSimpleName ?? method.DeclaringType?.Name ?? "Tests";
        return Cassette.CassettePath.ForTest(assembly, Root, className, method.Name, test.TestMethodArguments);
    }

    private static UseCassetteAttribute? MostSpecific(MethodInfo method) =>
        method.GetCustomAttribute<UseCassetteAttribute>()
        ?? method.ReflectedType?.GetCustomAttribute<UseCassetteAttribute>()
        ?? method.DeclaringType?.GetCustomAttribute<UseCassetteAttribute>()
        ?? (method.ReflectedType ?? method.DeclaringType)?.Assembly.GetCustomAttribute<UseCassetteAttribute>();
}
