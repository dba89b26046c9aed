namespace Cassette.Tests.Replay;

public sealed class ReplayOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new ReplayOptions();

        Assert.Equal(["method", "URL", "body"], options.Matchers.Select(m => m.ToString()));
        Assert.False(options.AllowRepeats);
        Assert.Equal(ReplayPacing.None, options.Pacing);
        Assert.Equal(1.0, options.PacingScale);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.BeforeReplay);
    }
}
