namespace Cassette.Tests.Format;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(999L, "999ns")]
    [InlineData(1_000L, "1µs")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(980_667L, "980.667µs")]
    [InlineData(999_347_125L, "999.347125ms")]
    [InlineData(1_000_000_000L, "1s")]
    [InlineData(1_579_724_709L, "1.579724709s")]
    [InlineData(60_000_000_000L, "1m0s")]
    [InlineData(60_500_000_000L, "1m0.5s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_723_000_000_000L, "1h2m3s")]
    [InlineData(3_605_000_000_000L, "1h0m5s")]
    [InlineData(-1_500_000_000L, "-1.5s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void ToString_Nanoseconds_IsGoText(long nanoseconds, string expected)
    {
        Assert.Equal(expected, new GoDuration(nanoseconds).ToString());
        Assert.Equal(nanoseconds, GoDuration.Parse(expected).Nanoseconds);
    }

    [Theory]
    [InlineData("1.5us", 1_500L)]
    [InlineData("1.5\u00B5s", 1_500L)]
    [InlineData("1.5\u03BCs", 1_500L)]
    [InlineData("1h2m3.5s", 3_723_500_000_000L)]
    [InlineData("1m30s250ms", 90_250_000_000L)]
    [InlineData("-980.667µs", -980_667L)]
    [InlineData("+2ms", 2_000_000L)]
    [InlineData("0", 0L)]
    public void Parse_GoDurationText_GivesNanoseconds(string text, long expected)
    {
        Assert.Equal(expected, GoDuration.Parse(text).Nanoseconds);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("1x")]
    [InlineData("1.5 s")]
    public void Parse_NotADuration_Throws(string text)
    {
        Assert.Throws<FormatException>(() => GoDuration.Parse(text));
        Assert.False(GoDuration.TryParse(text, out _));
    }
}
