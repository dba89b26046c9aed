namespace Cassette.MSTest.InnerTests;

/// <summary>A test left out of the record run: replayed, it has no cassette.</summary>
[TestClass]
public sealed class NeverRecordedTests : CassetteTest
{
    [TestMethod]
    public void Replay_WithoutACassette() => Assert.Fail("Not reached: the cassette cannot be opened.");
}
