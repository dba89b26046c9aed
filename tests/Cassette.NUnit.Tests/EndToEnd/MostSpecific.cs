using NUnit.Framework;

namespace Cassette.NUnit.EndToEnd;

/// <summary>The attribute on the assembly, the class and the method: one cassette, the method's.</summary>
[UseCassette(Root = "from-class")]
public sealed class MostSpecific
{
    [Test]
    [UseCassette(Root = "from-method")]
    public Task RecordsOnce() => Recording.GetAsync("once");
}
