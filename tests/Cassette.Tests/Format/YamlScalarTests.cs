using System.Text;

namespace Cassette.Tests.Format;

/// <summary>Scalar styles as FORMAT.md's "Scalar style" and "Writing each style" sections give them.</summary>
public sealed class YamlScalarTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("200 OK", "200 OK")]
    [InlineData("HTTP/1.1", "HTTP/1.1")]
    [InlineData("https://api.example.com/v1/chat/completions", "https://api.example.com/v1/chat/completions")]
    [InlineData("it's", "it's")]
    [InlineData("a#b", "a#b")]
    [InlineData("a:b", "a:b")]
    [InlineData("-a", "-a")]
    [InlineData("ok", "ok")]
    [InlineData("Olá, ça va? 你好", "Olá, ça va? 你好")]
    [InlineData("1.579724709s", "1.579724709s")]
    [InlineData("210.272µs", "210.272µs")]
    public void AppendValue_PlainString_IsPlain(string value, string expected)
    {
        Assert.Equal($" {expected}\n", Value(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("FALSE")]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("OFF")]
    [InlineData("273")]
    [InlineData("0")]
    [InlineData("-12")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("1_000")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData(".inf")]
    [InlineData("-.inf")]
    [InlineData(".nan")]
    [InlineData("1:20")]
    [InlineData("2001-12-14")]
    [InlineData("2001-12-14T21:59:43.10-05:00")]
    [InlineData("2001-12-14 21:59:43.10")]
    [InlineData("<<")]
    public void AppendValue_TextThatResolvesToAnotherType_IsDoubleQuoted(string value)
    {
        Assert.Equal($" \"{value}\"\n", Value(value));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("0x")]
    [InlineData("1.2.3")]
    [InlineData("2001-13-14")]
    [InlineData("2001-02-30")]
    [InlineData("12:345")]
    [InlineData("+")]
    [InlineData("yess")]
    public void AppendValue_LooksNumericButIsAString_IsPlain(string value)
    {
        Assert.Equal($" {value}\n", Value(value));
    }

    [Theory]
    [InlineData(" leading", "' leading'")]
    [InlineData("trailing ", "'trailing '")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("a #b", "'a #b'")]
    [InlineData("*/*", "'*/*'")]
    [InlineData("\"x\"", "'\"x\"'")]
    [InlineData("'x'", "'''x'''")]
    [InlineData("{\"q\":\"it's\"}", "'{\"q\":\"it''s\"}'")]
    [InlineData("[1]", "'[1]'")]
    [InlineData("-", "'-'")]
    [InlineData("- a", "'- a'")]
    [InlineData("? a", "'? a'")]
    [InlineData(":", "':'")]
    [InlineData("---x", "'---x'")]
    [InlineData("...", "'...'")]
    [InlineData("@x", "'@x'")]
    [InlineData("`x`", "'`x`'")]
    [InlineData("%x", "'%x'")]
    [InlineData("a:", "'a:'")]
    public void AppendValue_IndicatorOrOuterSpace_IsSingleQuoted(string value, string expected)
    {
        Assert.Equal($" {expected}\n", Value(value));
    }

    [Theory]
    [InlineData("a\tb", "\"a\\tb\"")]
    [InlineData("\ta", "\"\\ta\"")]
    [InlineData("x\u0085y\u2028z", "\"x\\Ny\\Lz\"")]
    [InlineData("a\u0080b", "\"a\\x80b\"")]
    [InlineData("a\u009Fb", "\"a\\x9Fb\"")]
    [InlineData("a\u007Fb", "\"a\\x7Fb\"")]
    [InlineData("a\0b\u0007\u0008\u000B\u000C\u001B", "\"a\\0b\\a\\b\\v\\f\\e\"")]
    [InlineData("a\u0001", "\"a\\x01\"")]
    [InlineData("data: {\"a\":1}\r\n\r\n", "\"data: {\\\"a\\\":1}\\r\\n\\r\\n\"")]
    [InlineData("a\rb", "\"a\\rb\"")]
    [InlineData("hi \U0001F600", "\"hi \\U0001F600\"")]
    [InlineData("data: {\"t\":\"hi \U0001F600\"}\n\n", "\"data: {\\\"t\\\":\\\"hi \\U0001F600\\\"}\\n\\n\"")]
    [InlineData("a\uFEFFb", "\"a\\uFEFFb\"")]
    [InlineData("\uFEFFbom", "\"\\uFEFF\\x62\\x6F\\x6D\"")]
    [InlineData("\uFEFFa é\n", "\"\\uFEFF\\x61\\x20\\xE9\\n\"")]
    [InlineData("back\\slash\t", "\"back\\\\slash\\t\"")]
    [InlineData("a\u00A0b\t", "\"a\u00A0b\\t\"")]
    [InlineData("\n", "\"\\n\"")]
    [InlineData("\n\n", "\"\\n\\n\"")]
    [InlineData(" \n \n", "\" \\n \\n\"")]
    [InlineData("\n         \n{\"id\":1}", "\"\\n         \\n{\\\"id\\\":1}\"")]
    [InlineData("line \nnext", "\"line \\nnext\"")]
    [InlineData("a\nb ", "\"a\\nb \"")]
    [InlineData("a\n\u0085b", "\"a\\n\\Nb\"")]
    public void AppendValue_SpecialCharactersOrBlockNotAllowed_IsDoubleQuoted(string value, string expected)
    {
        Assert.Equal($" {expected}\n", Value(value));
    }

    [Theory]
    [InlineData("a\nb\n", " |\n      a\n      b\n")]
    [InlineData("{\n  \"id\": \"x\"\n}", " |-\n      {\n        \"id\": \"x\"\n      }\n")]
    [InlineData("data: {\"a\":1}\n\ndata: [DONE]\n\n", " |+\n      data: {\"a\":1}\n\n      data: [DONE]\n\n")]
    [InlineData("a\tb\nc\n", " |\n      a\tb\n      c\n")]
    [InlineData(" leading\nx\n", " |2\n       leading\n      x\n")]
    [InlineData("\nx\n", " |2\n\n      x\n")]
    [InlineData("\nx", " |2-\n\n      x\n")]
    [InlineData("a\n b\n", " |\n      a\n       b\n")]
    [InlineData("x\n\n\n", " |+\n      x\n\n\n")]
    [InlineData("a\u2028b\n", " |\n      a\u2028      b\n")]
    public void AppendValue_MultiLineText_IsLiteralBlock(string value, string expected)
    {
        Assert.Equal(expected, Value(value, indent: 6, step: 2));
    }

    [Fact]
    public void AppendValue_LeadingSpaceBlockIn4SpaceLayout_UsesIndicator4()
    {
        Assert.Equal(" |4\n             leading\n            x\n", Value(" leading\nx\n", indent: 12, step: 4));
    }

    [Fact]
    public void AppendValue_LineSeparatorWithoutNewline_IsSingleQuoted()
    {
        Assert.StartsWith(" 'a\u2028", Value("a\u2028b"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00 }, " !!binary //4A\n")]
    [InlineData(new byte[] { 0xC0, 0xAF }, " !!binary wK8=\n")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, " !!binary 7aCA\n")]
    [InlineData(new byte[] { 0x61, 0xFF }, " !!binary Yf8=\n")]
    public void AppendBytes_InvalidUtf8_IsBinary(byte[] bytes, string expected)
    {
        var output = new StringBuilder();
        YamlScalar.AppendBytes(output, bytes, 6, 2);
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void AppendBytes_LongBinary_Is70ColumnLiteralBlock()
    {
        byte[] bytes = Enumerable.Range(0, 200).Select(i => (byte)(i * 7)).ToArray();
        var output = new StringBuilder();

        YamlScalar.AppendBytes(output, bytes, 6, 2);

        string base64 = Convert.ToBase64String(bytes);
        var expected = new StringBuilder(" !!binary |\n");
        for (int i = 0; i < base64.Length; i += 70)
        {
            expected.Append("      ").Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
        }

        Assert.Equal(expected.ToString(), output.ToString());
    }

    [Fact]
    public void AppendBytes_ValidUtf8_IsText()
    {
        var output = new StringBuilder();
        YamlScalar.AppendBytes(output, "Olá"u8, 6, 2);
        Assert.Equal(" Olá\n", output.ToString());
    }

    [Theory]
    [InlineData("Content-Type", "Content-Type")]
    [InlineData("9", "\"9\"")]
    [InlineData("10", "\"10\"")]
    [InlineData("A_b", "A_b")]
    [InlineData("", "\"\"")]
    [InlineData("a: b", "'a: b'")]
    public void TryAppendSimpleKey_Name_WritesKeyText(string key, string expected)
    {
        var output = new StringBuilder();
        Assert.True(YamlScalar.TryAppendSimpleKey(output, key));
        Assert.Equal(expected, output.ToString());
    }

    private static string Value(string value, int indent = 6, int step = 2)
    {
        var output = new StringBuilder();
        YamlScalar.AppendValue(output, value, indent, step);
        return output.ToString();
    }
}
