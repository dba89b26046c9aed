using System.Reflection;

namespace Cassette.MSTest;

/// <summary>
/// The cassette of the test that is running, opened before it by <c>CassetteTest</c> for a test
/// with <see cref="UseCassetteAttribute"/>, and ended after it.
/// </summary>
public static class MSTestCassette
{
    private static readonly AsyncLocal<TestCassette?> _current = new();

    /// <summary>
    /// The running test's cassette session: <c>MSTestCassette.Current.CreateHttpClient()</c> gives
    /// a client for the mode <c>CASSETTE_MODE</c> asks for, and
    /// <c>MSTestCassette.Current.CreateHandler()</c> a handler for an <c>IHttpClientFactory</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The test has no cassette: its class does not derive from <c>CassetteTest</c>, or no <see cref="UseCassetteAttribute"/> applies to it.</exception>
    public static CassetteSession Current =>
        _current.Value?.Session ?? throw new InvalidOperationException(
            "This test has no cassette. Derive its class from CassetteTest and put [UseCassette] on the test method, its class or the assembly.");

    /// <summary>
    /// Opens the test's cassette when <see cref="UseCassetteAttribute"/> is on the test method, its
    /// class or the assembly (the most specific one decides), and does nothing otherwise.
    /// <c>CassetteTest</c> calls it before each test; a test class that cannot derive from it
    /// calls it from its own <c>[TestInitialize]</c>:
    /// <c>MSTestCassette.Open(this, TestContext.TestName!, TestContext.TestData, TestContext.WriteLine);</c>.
    /// </summary>
    /// <param name="testClassInstance">The test class's instance: its class names the cassette's folder, and when it implements <see cref="IConfigureCassette"/> it adjusts the options.</param>
    /// <param name="methodName">The test method's name (<c>TestContext.TestName</c>).</param>
    /// <param name="arguments">A data row's arguments (<c>TestContext.TestData</c>), or none.</param>
    /// <param name="onWarning">Where the session's warnings go (<c>TestContext.WriteLine</c>); <see langword="null"/> for standard error.</param>
    /// <exception cref="InvalidOperationException">A cassette is already open for this test.</exception>
    /// <exception cref="CassetteNotFoundException">The mode is replay and the cassette does not exist.</exception>
    /// <exception cref="CassetteFormatException">The cassette cannot be read.</exception>
    public static void Open(object testClassInstance, string methodName, IReadOnlyList<object?>? arguments = null, Action<string>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(testClassInstance);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        if (_current.Value is not null)
        {
            throw new InvalidOperationException(
                "This test's cassette is already open. CassetteTest opens it: a class that derives from CassetteTest does not call MSTestCassette.Open.");
        }

        var testClass = testClassInstance.GetType();
        if (MostSpecific(testClass, methodName) is { } attribute)
        {
            _current.Value = TestCassette.Open(testClass, methodName, arguments, attribute.ToSettings(), testClassInstance, onWarning);
        }
    }

    /// <summary>
    /// Ends the test's cassette, if <see cref="Open"/> opened one: saves it, or after a failed test
    /// keeps it as it was and writes what was recorded beside it; after a test that passed, checks
    /// that every recorded interaction was replayed. <c>CassetteTest</c> calls it after each test.
    /// </summary>
    /// <param name="testFailed">Whether the test did not pass (<c>TestContext.CurrentTestOutcome != UnitTestOutcome.Passed</c>): its own failure is the one to read, so nothing is checked after it.</param>
    /// <exception cref="CassetteUnplayedException">The test passed, <see cref="UseCassetteAttribute.VerifyAllPlayed"/> is set, and recorded interactions were not replayed.</exception>
    public static void End(bool testFailed)
    {
        var cassette = _current.Value;
        _current.Value = null;
        cassette?.End(testFailed);
    }

    private static UseCassetteAttribute? MostSpecific(Type testClass, string methodName) =>
        testClass.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.Name == methodName)
            .Select(method => method.GetCustomAttribute<UseCassetteAttribute>())
            .FirstOrDefault(attribute => attribute is not null)
        ?? testClass.GetCustomAttribute<UseCassetteAttribute>()
        ?? testClass.Assembly.GetCustomAttribute<UseCassetteAttribute>();
}
