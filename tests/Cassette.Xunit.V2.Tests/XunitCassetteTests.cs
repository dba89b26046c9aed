namespace Cassette.Xunit.Tests;

public sealed class XunitCassetteTests
{
    [Fact]
    public void Current_PlainFact_SaysWhatToMarkTheTest()
    {
        var e = Assert.Throws<InvalidOperationException>(() => XunitCassette.Current);

        Assert.Contains("[CassetteFact]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[CassetteTheory]", e.Message, StringComparison.Ordinal);
    }
}
