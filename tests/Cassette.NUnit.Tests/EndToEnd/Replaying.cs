using NUnit.Framework;

namespace Cassette.NUnit.EndToEnd;

/// <summary>Tests that replay cassettes of two interactions, committed before the run, and play one.</summary>
[UseCassette(Root = "from-class")]
public sealed class Replaying : IConfigureCassette
{
    void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options) => options.Mode = CassetteMode.Replay;

    [Test]
    public Task PassesWithUnplayed() => Recording.GetAsync("a");

    [Test]
    public async Task FailsWithUnplayed()
    {
        await Recording.GetAsync("a");
        Assert.Fail("The test's own failure.");
    }

    [Test]
    [UseCassette(Root = "from-class", VerifyAllPlayed = false)]
    public Task PassesWithUnplayedUnchecked() => Recording.GetAsync("a");
}
