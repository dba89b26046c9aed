namespace Cassette.MSTest.Tests;

/// <summary>
/// <c>CassetteTest</c> (compiled into this project from the package's source, as into a user's)
/// when MSTest did not give it a <see cref="TestContext"/>: the test class hides it with one of its own.
/// </summary>
[TestClass]
public sealed class CassetteTestTests
{
    private sealed class WithoutAContext : CassetteTest
    {
    }

    [TestMethod]
    public void OpenCassette_NoTestContext_SaysToRemoveTheTestClassesOwn()
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => new WithoutAContext().OpenCassette());

        StringAssert.Contains(e.Message, "WithoutAContext declares a TestContext property of its own", StringComparison.Ordinal);
    }

    [TestMethod]
    public void EndCassette_NoTestContext_DoesNothing() => new WithoutAContext().EndCassette();
}
