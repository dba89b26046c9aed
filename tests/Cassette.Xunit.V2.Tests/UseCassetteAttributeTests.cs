namespace Cassette.Xunit.Tests;

public sealed class UseCassetteAttributeTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var attribute = new UseCassetteAttribute();

        Assert.Equal("fixtures", attribute.Root);
        Assert.Null(attribute.Path);
        Assert.True(attribute.VerifyAllPlayed);
    }
}
