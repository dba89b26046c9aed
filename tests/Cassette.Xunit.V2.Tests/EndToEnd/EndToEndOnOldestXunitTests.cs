// Each inner run builds a project of its own, so the two versions share the runtimes out: the
// oldest xunit runs on .NET 8, the newest on .NET 10 (the tests outside EndToEnd/ run on both).
#if NET8_0
namespace Cassette.Xunit.Tests.EndToEnd;

/// <summary>The end-to-end tests on the oldest xunit 2 the adapter supports, the one it is compiled against.</summary>
public sealed class EndToEndOnOldestXunitTests(OldestXunitRun run) : EndToEndTests<OldestXunitRun>(run);
#endif
