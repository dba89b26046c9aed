using TUnit.Core;
using TUnit.Core.Enums;
using TUnit.Core.Interfaces;

namespace Cassette.TUnit;

/// <summary>
/// Gives each test a cassette of its own: <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;.yaml</c> under
/// the test project's folder, opened before the test in the mode <c>CASSETTE_MODE</c> asks for,
/// and saved when the test ends. Recorded interactions that a passing test never replayed fail
/// it, unless <see cref="VerifyAllPlayed"/> is <see langword="false"/>. Inside the test,
/// <see cref="TUnitCassette.Current"/> is the session: <c>using var http = TUnitCassette.Current.CreateHttpClient();</c>.
/// </summary>
/// <remarks>
/// Put it on a test method, a test class, or the assembly; when it is on several, the most
/// specific one decides. A test class that implements <see cref="IConfigureCassette"/> adjusts the
/// options of its tests' cassettes. The cassette is opened before the class's <c>[Before(Test)]</c>
/// hooks and ended after its <c>[After(Test)]</c> hooks, so the hooks can use it too. When a test
/// fails (or is skipped or cancelled) in a record mode, its cassette is left as it was and what was
/// recorded is written beside it as <c>NAME.partial.yaml</c>. Failures at the end of a test are
/// reported beside the test's own failure, never in place of it.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UseCassetteAttribute : Attribute, ITestStartEventReceiver, ITestEndEventReceiver, IScopedAttribute
{
    /// <summary>
    /// The folder of the cassettes. A relative path is taken from the test project's folder, so
    /// that recordings land in the source tree rather than in <c>bin</c>.
    /// </summary>
    /// <value><c>fixtures</c>.</value>
    public string Root { get; set; } = "fixtures";

    /// <summary>The cassette file, relative to <see cref="Root"/>; <see langword="null"/> names it after the test.</summary>
    /// <value><see langword="null"/>: <c>&lt;Class&gt;/&lt;Method&gt;.yaml</c>, and for a test with arguments <c>&lt;Class&gt;/&lt;Method&gt;(&lt;arguments&gt;).yaml</c>.</value>
    public string? Path { get; set; }

    /// <summary>Whether a test that passed fails when it did not replay every recorded interaction.</summary>
    /// <value><see langword="true"/>: stale recordings are noticed.</value>
    public bool VerifyAllPlayed { get; set; } = true;

    // TUnit runs one attribute of a scope per test, the one nearest the method: the most specific wins.
    Type IScopedAttribute.ScopeType => typeof(UseCassetteAttribute);

    // Before the class's [Before(Test)] hooks, so that they can use the cassette.
    EventReceiverStage ITestStartEventReceiver.Stage => EventReceiverStage.Early;

    /// <inheritdoc />
    public ValueTask OnTestStart(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var test = context.Metadata.TestDetails;
        context.StateBag[TUnitCassette.StorageKey] = TestCassette.Open(
            test.ClassType,
            test.MethodName,
            test.TestMethodArguments,
            new TestCassetteSettings { Root = Root, Path = Path, VerifyAllPlayed = VerifyAllPlayed },
            test.ClassInstance,
            message => context.Output.WriteError("Cassette: " + message));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask OnTestEnd(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.StateBag.TryRemove(TUnitCassette.StorageKey, out object? value) && value is TestCassette cassette)
        {
            cassette.End(testFailed: context.Execution.Result?.State != TestState.Passed);
        }

        return ValueTask.CompletedTask;
    }
}
