using NUnit.Framework;

namespace Cassette.NUnit.EndToEnd;

/// <summary>A fixture with arguments: each of its instances records a cassette of its own.</summary>
[TestFixture("east")]
[TestFixture("west")]
public sealed class Regions(string region)
{
    [Test]
    public Task Records() => Recording.GetAsync(region);
}
