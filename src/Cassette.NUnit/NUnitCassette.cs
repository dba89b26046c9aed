using System.Collections.Concurrent;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Cassette.NUnit;

/// <summary>The cassette of the test that is running, opened by <see cref="UseCassetteAttribute"/>.</summary>
public static class NUnitCassette
{
    // Tests of one run may run in parallel: each open cassette goes under its test's ID, with the
    // attribute that opened it, which is the one to end it.
    private static readonly ConcurrentDictionary<string, (TestCassette Cassette, UseCassetteAttribute Opener)> s_open = new();

    /// <summary>
    /// The running test's cassette session: <c>NUnitCassette.Current.CreateHttpClient()</c> gives
    /// a client for the mode <c>CASSETTE_MODE</c> asks for, and
    /// <c>NUnitCassette.Current.CreateHandler()</c> a handler for an <c>IHttpClientFactory</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The test has no <see cref="UseCassetteAttribute"/>.</exception>
    public static CassetteSession Current =>
        s_open.TryGetValue(TestContext.CurrentContext.Test.ID, out var open)
            ? open.Cassette.Session
            : throw new InvalidOperationException(
                "This test has no cassette. Put [UseCassette] on the test method, its class or the assembly.");

    internal static bool IsOpen(ITest test) => s_open.ContainsKey(test.Id);

    internal static void Add(ITest test, TestCassette cassette, UseCassetteAttribute opener) => s_open[test.Id] = (cassette, opener);

    internal static TestCassette? Remove(ITest test, UseCassetteAttribute opener) =>
        s_open.TryGetValue(test.Id, out var open) && ReferenceEquals(open.Opener, opener) && s_open.TryRemove(test.Id, out _)
            ? open.Cassette
            : null;
}
