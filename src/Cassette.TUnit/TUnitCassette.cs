using TUnit.Core;

namespace Cassette.TUnit;

/// <summary>The cassette of the test that is running, opened by <see cref="UseCassetteAttribute"/>.</summary>
public static class TUnitCassette
{
    internal const string StorageKey = "Cassette.TUnit.TestCassette";

    /// <summary>
    /// The running test's cassette session: <c>TUnitCassette.Current.CreateHttpClient()</c> gives
    /// a client for the mode <c>CASSETTE_MODE</c> asks for, and
    /// <c>TUnitCassette.Current.CreateHandler()</c> a handler for an <c>IHttpClientFactory</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The test has no <see cref="UseCassetteAttribute"/>.</exception>
    public static CassetteSession Current =>
        TestContext.Current?.StateBag.TryGetValue(StorageKey, out TestCassette? cassette) == true && cassette is not null
            ? cassette.Session
            : throw new InvalidOperationException(
                "This test has no cassette. Put [UseCassette] on the test method, its class or the assembly.");
}
