// On .NET 8 only, as EndToEndOnOldestXunitTests says.
#if NET8_0
namespace Cassette.Xunit.Tests.EndToEnd;

/// <summary>The inner run on the oldest xunit 2 the adapter supports: the one it is compiled against.</summary>
public sealed class OldestXunitRun : InnerRun
{
    public override string XunitVersion => PackageVersions.OldestXunit;
}
#endif
