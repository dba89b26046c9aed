using Xunit;

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
        && context.KeyValueStorage.TryGetValue(UseCassetteAttribute.StorageKey(test), out object? value) && value is CassetteSession session
            ? session
            : throw new InvalidOperationException(
                "This test has no cassette. Put [UseCassette] on the test method, its class or the assembly.");
}
