namespace Cassette;

/// <summary>
/// The cassette of one test, as every test-framework adapter gives it: opened before the test at
/// <c>&lt;Root&gt;/&lt;Class&gt;/&lt;Method&gt;[(arguments)].yaml</c> under the test project's
/// folder, in the mode <c>CASSETTE_MODE</c> asks for, and ended after it.
/// </summary>
/// <remarks>
/// An adapter calls <see cref="Open"/> from its framework's before-test hook and
/// <see cref="End"/> from its after-test hook, with whether the test failed. Ending saves the
/// cassette; after a failed test it keeps the cassette as it was and writes what was recorded
/// beside it as <c>NAME.partial.yaml</c>; after a test that passed it checks that every recorded
/// interaction was replayed. Nothing here belongs to a test framework, so every adapter behaves
/// the same.
/// </remarks>
public sealed class TestCassette
{
    private readonly bool _verifyAllPlayed;
    private int _ended;

    private TestCassette(CassetteSession session, bool verifyAllPlayed)
    {
        Session = session;
        _verifyAllPlayed = verifyAllPlayed;
    }

    /// <summary>The test's session: <c>Session.CreateHttpClient()</c> gives a client for its mode.</summary>
    public CassetteSession Session { get; }

    /// <summary>Opens the cassette of a test.</summary>
    /// <param name="testClass">The test class: its assembly gives the project folder, its name the cassette's folder.</param>
    /// <param name="methodName">The test method's name.</param>
    /// <param name="arguments">The test's arguments (a parameterized test's row), or none.</param>
    /// <param name="settings">Where the cassette is kept; <see langword="null"/> for the defaults.</param>
    /// <param name="testClassInstance">The test class's instance: when it implements <see cref="IConfigureCassette"/>, it adjusts the options.</param>
    /// <param name="onWarning">Where the session's warnings go (the framework's test output); <see langword="null"/> for standard error.</param>
    /// <exception cref="CassetteNotFoundException">The mode is replay and the cassette does not exist.</exception>
    /// <exception cref="CassetteFormatException">The cassette cannot be read.</exception>
    public static TestCassette Open(
        Type testClass,
        string methodName,
        IReadOnlyList<object?>? arguments = null,
        TestCassetteSettings? settings = null,
        object? testClassInstance = null,
        Action<string>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        settings ??= new TestCassetteSettings();
        var options = new CassetteSessionOptions();
        options.Recording.OnWarning = onWarning ?? (message => Console.Error.WriteLine("Cassette: " + message));
        (testClassInstance as IConfigureCassette)?.ConfigureCassette(options);
        string path = settings.Path is not null
            ? CassettePath.Resolve(System.IO.Path.Combine(settings.Root, settings.Path), testClass.Assembly)
            : CassettePath.ForTest(testClass.Assembly, settings.Root, testClass.Name, methodName, arguments);
        return new TestCassette(CassetteSession.Open(path, options), settings.VerifyAllPlayed);
    }

    /// <summary>
    /// Ends the test's cassette: saves it, or after a failed test keeps it as it was and writes
    /// what was recorded beside it; after a test that passed, checks that every recorded
    /// interaction was replayed. Only the first call does anything.
    /// </summary>
    /// <param name="testFailed">Whether the test failed. Its own failure is the one to read, so nothing is checked after it.</param>
    /// <exception cref="CassetteUnplayedException">The test passed, <see cref="TestCassetteSettings.VerifyAllPlayed"/> is set, and recorded interactions were not replayed.</exception>
    public void End(bool testFailed)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        using (Session)
        {
            if (testFailed)
            {
                Session.MarkFailed();
            }
            else if (_verifyAllPlayed)
            {
                Session.VerifyAllPlayed();
            }
        }
    }
}
