namespace Cassette.Xunit;

/// <summary>The cassette of the test that is running, opened by <see cref="CassetteFactAttribute"/> or <see cref="CassetteTheoryAttribute"/>.</summary>
public static class XunitCassette
{
    // xunit v2 has no test context to keep it in: the cassette flows with the test method's
    // execution context, so tests that run in parallel each see their own.
    private static readonly AsyncLocal<TestCassette?> s_running = new();

    /// <summary>
    /// The running test's cassette session: <c>XunitCassette.Current.CreateHttpClient()</c> gives
    /// a client for the mode <c>CASSETTE_MODE</c> asks for, and
    /// <c>XunitCassette.Current.CreateHandler()</c> a handler for an <c>IHttpClientFactory</c>.
    /// It is there from the start of the test method to its end (not in the test class's
    /// constructor).
    /// </summary>
    /// <exception cref="InvalidOperationException">The test is not a <c>[CassetteFact]</c> or <c>[CassetteTheory]</c>.</exception>
    public static CassetteSession Current =>
        s_running.Value?.Session
        ?? throw new InvalidOperationException(
            "This test has no cassette. Mark it [CassetteFact] in place of [Fact], or [CassetteTheory] in place of [Theory].");

    internal static TestCassette? Running
    {
        get => s_running.Value;
        set => s_running.Value = value;
    }
}
