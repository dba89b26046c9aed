namespace Cassette.Tests.Replay;

public sealed class ReplayOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new ReplayOptions();

        Assert.Empty(options.MatchedHeaders);
        Assert.Empty(options.IgnoredJsonPaths);
        Assert.Empty(options.IgnoredQueryParameters);
        Assert.Empty(options.Matchers);
        Assert.False(options.AllowRepeats);
        Assert.Equal(ReplayPacing.None, options.Pacing);
        Assert.Equal(1.0, options.PacingScale);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }
}
