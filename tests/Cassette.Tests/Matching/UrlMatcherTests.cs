namespace Cassette.Tests.Matching;

public sealed class UrlMatcherTests
{
    [Theory]
    [InlineData("https://api.example.test/v1/x", "HTTPS://API.Example.Test:443/v1/x")]
    [InlineData("https://api.example.test/v1/x?a=1&b=2", "https://api.example.test/v1/x?b=2&a=1")]
    [InlineData("https://bedrock.test/model/claude-v1%3A0/invoke", "https://bedrock.test/model/claude-v1:0/invoke")]
    [InlineData("https://api.example.test/q?text=a%20b", "https://api.example.test/q?text=a+b")]
    [InlineData("https://api.example.test/x#one", "https://api.example.test/x#two")]
    public void Matches_SameUrlSpelledDifferently_Passes(string recorded, string live)
    {
        var matcher = new UrlMatcher([]);

        Assert.True(matcher.Matches(new RecordedRequest { Url = live }, new RecordedRequest { Url = recorded }));
    }

    [Theory]
    [InlineData("https://api.example.test/v1/x", "http://api.example.test/v1/x")]
    [InlineData("https://api.example.test/v1/x", "https://api.example.test/v1/y")]
    [InlineData("https://api.example.test/a%2Fb", "https://api.example.test/a/b")]
    [InlineData("https://api.example.test/x?a=1&a=2", "https://api.example.test/x?a=2&a=1")]
    [InlineData("https://api.example.test:8443/x", "https://api.example.test/x")]
    public void Matches_DifferentUrl_Fails(string recorded, string live)
    {
        var matcher = new UrlMatcher([]);

        Assert.False(matcher.Matches(new RecordedRequest { Url = live }, new RecordedRequest { Url = recorded }));
    }

    [Fact]
    public void Matches_IgnoredParameter_LeftOutOnBothSides()
    {
        var matcher = new UrlMatcher(["key"]);

        Assert.True(matcher.Matches(
            new RecordedRequest { Url = "https://g.test/m:gen?alt=sse&key=live" },
            new RecordedRequest { Url = "https://g.test/m:gen?key=recorded&alt=sse" }));
        Assert.Equal("URL ignoring query parameters \"key\"", matcher.ToString());
    }
}
