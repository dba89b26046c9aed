namespace Cassette.Tests.Session;

public sealed class CassetteModeTests
{
    [Theory]
    [InlineData("replay", CassetteMode.Replay)]
    [InlineData("RECORD", CassetteMode.Record)]
    [InlineData(" Once ", CassetteMode.Once)]
    [InlineData("New-Episodes", CassetteMode.NewEpisodes)]
    [InlineData("passthrough", CassetteMode.Passthrough)]
    public void ParseModeName_AnyCase_FindsTheMode(string name, CassetteMode expected)
    {
        Assert.Equal(expected, CassetteModeExtensions.ParseModeName(name));
    }

    [Fact]
    public void ParseModeName_Unknown_ListsTheValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => CassetteModeExtensions.ParseModeName("recrod"));

        Assert.Contains("\"recrod\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("replay, record, once, new-episodes, passthrough", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToModeName_EveryMode_RoundTrips()
    {
        foreach (var mode in Enum.GetValues<CassetteMode>())
        {
            Assert.Equal(mode, CassetteModeExtensions.ParseModeName(mode.ToModeName()));
        }

        Assert.Equal(["replay", "record", "once", "new-episodes", "passthrough"], CassetteModeExtensions.ModeNames);
    }
}
