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
    [InlineData("$.a#b")]
    [InlineData("$..#")]
    public void Parse_Unsupported_ThrowsArgumentException(string pattern)
    {
        Assert.Throws<ArgumentException>(() => JsonPathPattern.Parse(pattern));
    }

    [Theory]
    [InlineData("$.m[*].c#.id", true)]
    [InlineData("$.m[*].c#..id", true)]
    [InlineData("$.m[*].c.id", false)]
    [InlineData("$..id", false)]
    [InlineData("$.m[*].*.*", false)]
    [InlineData("$.m[*]..id", false)]
    [InlineData("$.m[*].c#", false)]
    public void Matches_PathIntoAString_OnlyAHashStepGoesIn(string pattern, bool expected)
    {
        Assert.Equal(expected, JsonPathPattern.Parse(pattern).Matches(["m", 0, "c", JsonPathPattern.Embedded, "id"]));
    }

    [Fact]
    public void Exact_PathIntoAString_WritesTheHashAndMatchesItself()
    {
        object[] path = ["m", 2, "c", JsonPathPattern.Embedded, "a#b"];

        var pattern = JsonPathPattern.Exact(path);

        Assert.Equal("$.m[2].c#['a#b']", pattern.Text);
        Assert.True(JsonPathPattern.Parse(pattern.Text).Matches(path));
    }

    [Theory]
    [InlineData("$.m[*].c#.id", true)]
    [InlineData("$..c#.id", true)]
    [InlineData("$.m[1].c#.id", false)]
    [InlineData("$.m[*].c.id", false)]
    [InlineData("$.m[*].c", false)]
    public void AnyEntersString_HashStepAtThatString_GoesIn(string pattern, bool expected)
    {
        Assert.Equal(expected, JsonPathPattern.AnyEntersString([JsonPathPattern.Parse(pattern)], ["m", 0, "c"]));
    }
}
