// On .NET 10 only, as EndToEndOnOldestXunitTests says.
#if NET10_0_OR_GREATER
namespace Cassette.Xunit.Tests.EndToEnd;

/// <summary>The inner run on the newest xunit 2 the adapter is proven on.</summary>
public sealed class NewestXunitRun : InnerRun
{
    public override string XunitVersion => PackageVersions.NewestXunit;
}
#endif
