using Xunit;
using Xunit.Sdk;

namespace Cassette.Xunit;

/// <summary>The cassette of the test that is running, opened by <see cref="UseCassetteAttribute"/>.</summary>
public static class XunitCassette
{
    /// <summary>
    /// The running test's cassette session: <c>XunitCassette.Current.CreateHttpClient()</c> gives
    /// a client for the mode <c>CASSETTE_MODE</c> asks for, and
    /// <c>XunitCassette.Current.CreateHandler()</c> a handler for an <c>IHttpClientFactory</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The test has no <see cref="UseCassetteAttribute"/>.</exception>
    public static CassetteSession Current =>
        TestContext.Current is { Test: { } test } context
        && context.KeyValueStorage.TryGetValue(StorageKey(test), out object? value) && value is TestCassette cassette
            ? cassette.Session
            : throw new InvalidOperationException(
                "This test has no cassette. Put [UseCassette] on the test method, its class or the assembly.");

    // The storage is shared by every test of the run: each test's session goes under its own key.
    internal static string StorageKey(ITest test) => "Cassette.Xunit.Session/" + test.UniqueID;
}
