using System.Diagnostics.CodeAnalysis;

namespace Cassette.MSTest.Tests;

/// <summary>
/// <see cref="MSTestCassette"/> driven by hand, as <c>CassetteTest</c> drives it around a test,
/// on a committed cassette in replay mode (nothing is written).
/// </summary>
[TestClass]
public sealed class MSTestCassetteTests
{
    private const string Committed = "DeclaredCassetteTests/Chat_ThroughTheTestsCassette_GetsTheAnswer.yaml";

    [UseCassette(Root = "Fixtures", Path = Committed)]
    [SuppressMessage("Performance", "CA1822", Justification = "Test methods are instance methods, as MSTest's are.")]
    private sealed class Replaying : IConfigureCassette
    {
        public void Test()
        {
        }

        [UseCassette(Root = "Fixtures", Path = Committed, VerifyAllPlayed = false)]
        public void TestWithVerifyOff()
        {
        }

        [UseCassette(Root = "Fixtures", Path = "MSTestCassetteTests/never-recorded.yaml")]
        public void TestNeverRecorded()
        {
        }

        void IConfigureCassette.ConfigureCassette(CassetteSessionOptions options) => options.Mode = CassetteMode.Replay;
    }

    [SuppressMessage("Performance", "CA1822", Justification = "Test methods are instance methods, as MSTest's are.")]
    private sealed class WithoutTheAttribute
    {
        public void Test()
        {
        }
    }

    [TestMethod]
    public void Current_WithoutACassette_SaysWhatToAdd()
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => MSTestCassette.Current);

        StringAssert.Contains(e.Message, "CassetteTest", StringComparison.Ordinal);
        StringAssert.Contains(e.Message, "[UseCassette]", StringComparison.Ordinal);
    }

    [TestMethod]
    public void Open_AttributeOnTheClass_OpensItsCassetteForTheTestUntilEnd()
    {
        MSTestCassette.Open(new Replaying(), nameof(Replaying.Test));

        StringAssert.EndsWith(MSTestCassette.Current.Path, Path.Combine("Fixtures", Committed.Replace('/', Path.DirectorySeparatorChar)), StringComparison.Ordinal);
        Assert.AreEqual(CassetteMode.Replay, MSTestCassette.Current.Mode);
        MSTestCassette.End(testFailed: true);

        Assert.ThrowsExactly<InvalidOperationException>(() => MSTestCassette.Current);
    }

    [TestMethod]
    public void Open_NoAttributeOnTheMethodTheClassOrTheAssembly_OpensNothing()
    {
        MSTestCassette.Open(new WithoutTheAttribute(), nameof(WithoutTheAttribute.Test));

        Assert.ThrowsExactly<InvalidOperationException>(() => MSTestCassette.Current);
        MSTestCassette.End(testFailed: false);
    }

    [TestMethod]
    public void Open_Twice_SaysThatCassetteTestOpensIt()
    {
        MSTestCassette.Open(new Replaying(), nameof(Replaying.Test));

        var e = Assert.ThrowsExactly<InvalidOperationException>(() => MSTestCassette.Open(new Replaying(), nameof(Replaying.Test)));

        StringAssert.Contains(e.Message, "already open", StringComparison.Ordinal);
        MSTestCassette.End(testFailed: true);
    }

    [TestMethod]
    public void Open_ReplayAndNoCassette_FailsSayingHowToRecordAndOpensNothing()
    {
        var e = Assert.ThrowsExactly<CassetteNotFoundException>(() => MSTestCassette.Open(new Replaying(), nameof(Replaying.TestNeverRecorded)));

        StringAssert.Contains(e.Message, "CASSETTE_MODE=record", StringComparison.Ordinal);
        Assert.ThrowsExactly<InvalidOperationException>(() => MSTestCassette.Current);
    }

    [TestMethod]
    public void End_TestPassedWithInteractionsUnplayed_ThrowsNamingThem()
    {
        MSTestCassette.Open(new Replaying(), nameof(Replaying.Test));

        var e = Assert.ThrowsExactly<CassetteUnplayedException>(() => MSTestCassette.End(testFailed: false));

        CollectionAssert.AreEqual(new[] { 0 }, e.UnplayedIds.ToArray());
        Assert.ThrowsExactly<InvalidOperationException>(() => MSTestCassette.Current);
    }

    [TestMethod]
    public void End_TestFailedWithInteractionsUnplayed_DoesNotThrow()
    {
        MSTestCassette.Open(new Replaying(), nameof(Replaying.Test));

        MSTestCassette.End(testFailed: true);
    }

    [TestMethod]
    public void End_VerifyAllPlayedOffOnTheMethod_DoesNotThrowForUnplayedInteractions()
    {
        MSTestCassette.Open(new Replaying(), nameof(Replaying.TestWithVerifyOff));

        MSTestCassette.End(testFailed: false);
    }

    [TestMethod]
    public void End_WithoutOpen_DoesNothing() => MSTestCassette.End(testFailed: false);

    [TestMethod]
    public void Assembly_ReferencesNoMSTestAssembly_SoOneBuildServesMSTest3And4()
    {
        var referenced = typeof(MSTestCassette).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToArray();

        CollectionAssert.Contains(referenced, "Cassette");
        Assert.IsFalse(
            referenced.Any(name => name.StartsWith("MSTest", StringComparison.Ordinal) || name.StartsWith("Microsoft.VisualStudio.TestPlatform", StringComparison.Ordinal)),
            string.Join(", ", referenced));
    }

    [TestMethod]
    public void Ctor_EnsureDefaultValues()
    {
        var attribute = new UseCassetteAttribute();

        Assert.AreEqual("fixtures", attribute.Root);
        Assert.IsNull(attribute.Path);
        Assert.IsTrue(attribute.VerifyAllPlayed);
    }
}
