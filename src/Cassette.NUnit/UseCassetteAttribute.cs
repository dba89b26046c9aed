using System.Reflection;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Cassette.NUnit;

/// <summary>
/// Gives each test a cassette of its own: <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;.yaml</c> under
/// the test project's folder, opened before the test in the mode <c>CASSETTE_MODE</c> asks for,
/// and saved when the test ends. Recorded interactions that a passing test never replayed fail
/// it, unless <see cref="VerifyAllPlayed"/> is <see langword="false"/>. Inside the test,
/// <see cref="NUnitCassette.Current"/> is the session: <c>using var http = NUnitCassette.Current.CreateHttpClient();</c>.
/// </summary>
/// <remarks>
/// <para>
/// Put it on a test method, a test class, or the assembly; when it is on several, the most
/// specific one decides. A test class that implements <see cref="IConfigureCassette"/> adjusts the
/// options of its tests' cassettes.
/// </para>
/// <para>
/// On a class or the assembly, the cassette is open from before the test's <c>[SetUp]</c> to after
/// its <c>[TearDown]</c>; on the method alone, only around the test method. A test that did not
/// pass (it failed, or was ignored or inconclusive part way) leaves its cassette as it was in a
/// record mode and writes what was recorded beside it as <c>NAME.partial.yaml</c>, and reports its
/// own failure, never one about the cassette.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UseCassetteAttribute : Attribute, ITestAction
{
    /// <summary>
    /// The folder of the cassettes. A relative path is taken from the test project's folder, so
    /// that recordings land in the source tree rather than in <c>bin</c>.
    /// </summary>
    /// <value><c>fixtures</c>.</value>
    public string Root { get; set; } = "fixtures";

    /// <summary>The cassette file, relative to <see cref="Root"/>; <see langword="null"/> names it after the test.</summary>
    /// <value>
    /// <see langword="null"/>: <c>&lt;Class&gt;/&lt;Method&gt;.yaml</c>; for a <c>[TestCase]</c>
    /// <c>&lt;Class&gt;/&lt;Method&gt;(&lt;arguments&gt;).yaml</c>; for a fixture with arguments
    /// <c>&lt;Class&gt;(&lt;arguments&gt;)/&lt;Method&gt;.yaml</c>.
    /// </value>
    public string? Path { get; set; }

    /// <summary>Whether a test that passed fails when it did not replay every recorded interaction.</summary>
    /// <value><see langword="true"/>: stale recordings are noticed.</value>
    public bool VerifyAllPlayed { get; set; } = true;

    /// <summary>Each test, also when the attribute is on a class or the assembly.</summary>
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);

        // NUnit runs the attribute of the assembly, the class and the method alike, the outermost
        // first: that one opens the cassette, with the settings of the most specific one.
        if (NUnitCassette.IsOpen(test))
        {
            return;
        }

        var testClass = test.TypeInfo?.Type ?? throw new ArgumentException($"\"{test.FullName}\" is not a test method of a class.", nameof(test));
        string methodName = test.MethodName ?? throw new ArgumentException($"\"{test.FullName}\" is not a test method.", nameof(test));
        var settings = MostSpecific(test, testClass) ?? this;
        var output = TestContext.Out;
        var cassette = TestCassette.Open(
            testClass,
            methodName,
            test.Arguments,
            new TestCassetteSettings
            {
                Root = settings.Root,
                Path = settings.Path ?? PathForFixtureArguments(test, testClass, methodName, settings.Root),
                VerifyAllPlayed = settings.VerifyAllPlayed,
            },
            test.Fixture,
            message => output.WriteLine("Cassette: " + message));
        NUnitCassette.Add(test, cassette, this);
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        NUnitCassette.Remove(test, this)?.End(testFailed: !RanToTheEnd(TestContext.CurrentContext.Result.Outcome));
    }

    // A warning leaves the test passed; an ignored or inconclusive test stopped part way, and what
    // it recorded is no more complete than a failed test's.
    private static bool RanToTheEnd(ResultState outcome) => outcome.Status is TestStatus.Passed or TestStatus.Warning;

    private static UseCassetteAttribute? MostSpecific(ITest test, Type testClass) =>
        test.Method?.MethodInfo.GetCustomAttribute<UseCassetteAttribute>()
        ?? testClass.GetCustomAttribute<UseCassetteAttribute>()
        ?? testClass.Assembly.GetCustomAttribute<UseCassetteAttribute>();

    // The instances of a fixture with arguments ([TestFixture("east")]) would otherwise share one
    // cassette per test: each gets a folder "<Class>(<arguments>)", named as a test with arguments
    // is. The path is a full one, which TestCassette takes as it is.
    private static string? PathForFixtureArguments(ITest test, Type testClass, string methodName, string root)
    {
        // The test's parent is its fixture, or the suite of a [TestCase] method's cases under it.
        var fixture = test.Parent is { Method: not null } cases ? cases.Parent : test.Parent;
        if (fixture is not { Arguments.Length: > 0 })
        {
            return null;
        }

        string folder = System.IO.Path.GetFileNameWithoutExtension(
            CassettePath.ForTest(testClass.Assembly, root, testClass.Name, testClass.Name, fixture.Arguments));
        return CassettePath.ForTest(testClass.Assembly, root, folder, methodName, test.Arguments);
    }
}
