using System.Text;

namespace Cassette.Tests.Matching;

public sealed class JsonCanonicalizerTests
{
    [Theory]
    [InlineData("""{"b":1,"a":[true,null,"x"]}""", """{"a":[true,null,"x"],"b":1}""")]
    [InlineData(""" { "a" : { "d" : 1 , "c" : 2 } } """, """{"a":{"c":2,"d":1}}""")]
    [InlineData("""{"s":"caf\u00e9 \"q\" \n"}""", """{"s":"café \"q\" \n"}""")]
    public void Write_Compact_SortsKeysAndDropsWhitespace(string json, string expected)
    {
        Assert.Equal(expected, Canonical(json));
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("10E-1", "1")]
    [InlineData("0.1e1", "1")]
    [InlineData("-0", "0")]
    [InlineData("0.000", "0")]
    [InlineData("2.50", "2.5")]
    [InlineData("1e3", "1000")]
    [InlineData("0.0001119", "0.0001119")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("123456789012345678901234567890", "1.2345678901234567890123456789e+29")]
    [InlineData("12345678901234567890123456789e1", "1.2345678901234567890123456789e+29")]
    public void Write_Number_EqualValuesGetEqualText(string number, string expected)
    {
        Assert.Equal(expected, Canonical(number));
    }

    [Fact]
    public void Write_HugeNumbers_DifferInTheLastDigit_StayDifferent()
    {
        Assert.NotEqual(Canonical("12345678901234567890123456789"), Canonical("12345678901234567890123456788"));
    }

    [Fact]
    public void Write_Indented_PrettyPrintsSortedWithTwoSpaces()
    {
        Assert.Equal("{\n  \"a\": [\n    1\n  ],\n  \"b\": \"x\"\n}", Write("""{"b":"x","a":[1]}""", indented: true));
    }

    [Theory]
    [InlineData("""{"model":"m","stream_options":{"include_usage":true}}""", "$.stream_options", """{"model":"m"}""")]
    [InlineData("""{"a":[{"obfuscation":"x","v":1},{"b":{"obfuscation":"y"}}]}""", "$..obfuscation", """{"a":[{"v":1},{"b":{}}]}""")]
    [InlineData("""{"messages":[{"content":"a"},{"content":"b"}]}""", "$.messages[*].content", """{"messages":[{},{}]}""")]
    [InlineData("""{"messages":[{"content":"a"},{"content":"b"}]}""", "$.messages[1]", """{"messages":[{"content":"a"}]}""")]
    [InlineData("""{"a b":1,"c":2}""", "$['a b']", """{"c":2}""")]
    [InlineData("""{"a":1}""", "$", "")]
    public void TryParse_IgnoredPath_LeavesTheValueOut(string json, string path, string expected)
    {
        var tree = JsonCanonicalizer.TryParse(Encoding.UTF8.GetBytes(json), [JsonPathPattern.Parse(path)]);

        Assert.Equal(expected, JsonCanonicalizer.Write(tree!, indented: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1} trailing")]
    public void TryParse_NotJson_ReturnsNull(string text)
    {
        Assert.Null(JsonCanonicalizer.TryParse(Encoding.UTF8.GetBytes(text), []));
    }

    [Theory]
    [InlineData("""{"messages":[{"content":"a"},{"content":"b"}]}""", """{"messages":[{"content":"a"},{"content":"c"}]}""", "$.messages[1].content")]
    [InlineData("""{"messages":[{"content":"a"}]}""", """{"messages":[{"content":"a"},{"content":"b"}]}""", "$.messages[1]")]
    [InlineData("""{"a":1,"c":1}""", """{"a":1,"b":1,"c":1}""", "$.b")]
    [InlineData("""{"a":1}""", """{"a":"1"}""", "$.a")]
    [InlineData("""{"x y":{"k":1}}""", """{"x y":{"k":2}}""", "$['x y'].k")]
    [InlineData("""[1,2]""", """[1,2.0]""", null)]
    public void FirstDifference_ReturnsThePathOfTheFirstDifferingValue(string a, string b, string? expected)
    {
        var left = JsonCanonicalizer.TryParse(Encoding.UTF8.GetBytes(a), [])!;
        var right = JsonCanonicalizer.TryParse(Encoding.UTF8.GetBytes(b), [])!;

        Assert.Equal(expected, JsonCanonicalizer.FirstDifference(left, right));
    }

    private static string Canonical(string json) => Write(json, indented: false);

    private static string Write(string json, bool indented) =>
        JsonCanonicalizer.Write(JsonCanonicalizer.TryParse(Encoding.UTF8.GetBytes(json), [])!, indented);
}
