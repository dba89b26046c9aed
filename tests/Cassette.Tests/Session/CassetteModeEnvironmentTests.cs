using Cassette.Tests.Support;

namespace Cassette.Tests.Session;

[Collection(ProcessEnvironment.Name)]
public sealed class CassetteModeEnvironmentTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable(CassetteModeExtensions.EnvironmentVariable);

    public void Dispose() => Environment.SetEnvironmentVariable(CassetteModeExtensions.EnvironmentVariable, _saved);

    [Theory]
    [InlineData(null, CassetteMode.Replay)]
    [InlineData("", CassetteMode.Replay)]
    [InlineData("Record", CassetteMode.Record)]
    [InlineData("new-episodes", CassetteMode.NewEpisodes)]
    public void FromEnvironment_Value_GivesTheMode(string? value, CassetteMode expected)
    {
        Environment.SetEnvironmentVariable(CassetteModeExtensions.EnvironmentVariable, value);

        Assert.Equal(expected, CassetteModeExtensions.FromEnvironment());
    }

    [Fact]
    public void FromEnvironment_UnknownValue_IsAnErrorListingTheValidOnes()
    {
        Environment.SetEnvironmentVariable(CassetteModeExtensions.EnvironmentVariable, "playback");

        var e = Assert.Throws<InvalidOperationException>(() => CassetteModeExtensions.FromEnvironment());

        Assert.Contains("CASSETTE_MODE is \"playback\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("replay, record, once, new-episodes, passthrough", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoModeInOptions_UsesTheVariable()
    {
        string folder = Directory.CreateTempSubdirectory("cassette-env-").FullName;
        try
        {
            Environment.SetEnvironmentVariable(CassetteModeExtensions.EnvironmentVariable, "passthrough");
            using var session = CassetteSession.Open(Path.Combine(folder, "x.yaml"));
            Assert.Equal(CassetteMode.Passthrough, session.Mode);

            Environment.SetEnvironmentVariable(CassetteModeExtensions.EnvironmentVariable, "bogus");
            Assert.Throws<InvalidOperationException>(() => CassetteSession.Open(Path.Combine(folder, "x.yaml")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
