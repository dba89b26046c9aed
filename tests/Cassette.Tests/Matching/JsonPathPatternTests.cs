namespace Cassette.Tests.Matching;

public sealed class JsonPathPatternTests
{
    [Theory]
    [InlineData("$.a", new object[] { "a" }, true)]
    [InlineData("$.a", new object[] { "a", "b" }, false)]
    [InlineData("$.a.b", new object[] { "a", "b" }, true)]
    [InlineData("$..b", new object[] { "x", 3, "b" }, true)]
    [InlineData("$..b", new object[] { "b" }, true)]
    [InlineData("$..b", new object[] { "b", "c" }, false)]
    [InlineData("$.m[1].c", new object[] { "m", 1, "c" }, true)]
    [InlineData("$.m[1].c", new object[] { "m", 0, "c" }, false)]
    [InlineData("$.m[*].c", new object[] { "m", 7, "c" }, true)]
    [InlineData("$.*", new object[] { "anything" }, true)]
    [InlineData("$['a.b']", new object[] { "a.b" }, true)]
    [InlineData("$..[0]", new object[] { "a", "b", 0 }, true)]
    [InlineData("$", new object[0], true)]
    public void Matches_ConcretePath_FollowsJsonPathSteps(string pattern, object[] path, bool expected)
    {
        Assert.Equal(expected, JsonPathPattern.Parse(pattern).Matches(path));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$a")]
    [InlineData("$.a[")]
    [InlineData("$.a[b]")]
    [InlineData("$..")]
    public void Parse_Unsupported_ThrowsArgumentException(string pattern)
    {
        Assert.Throws<ArgumentException>(() => JsonPathPattern.Parse(pattern));
    }
}
