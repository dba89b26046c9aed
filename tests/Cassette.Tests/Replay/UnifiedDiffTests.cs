namespace Cassette.Tests.Replay;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Create_IndentationOnlyChange_IsShown()
    {
        string diff = UnifiedDiff.Create("{\n  \"a\": 1\n}", "{\n    \"a\": 1\n}", "old", "new");

        Assert.Equal("--- old\n+++ new\n@@ -1,3 +1,3 @@\n {\n-  \"a\": 1\n+    \"a\": 1\n }\n", diff);
    }

    [Fact]
    public void Create_ChangesFarApart_GetSeparateHunksWithThreeLinesOfContext()
    {
        string[] lines = [.. Enumerable.Range(1, 20).Select(i => $"line {i}")];
        string[] changed = [.. lines];
        changed[1] = "LINE 2";
        changed[17] = "LINE 18";

        string diff = UnifiedDiff.Create(string.Join('\n', lines), string.Join('\n', changed), "a", "b");

        Assert.Equal(
            "--- a\n+++ b\n"
            + "@@ -1,5 +1,5 @@\n line 1\n-line 2\n+LINE 2\n line 3\n line 4\n line 5\n"
            + "@@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+LINE 18\n line 19\n line 20\n",
            diff);
    }

    [Fact]
    public void Create_LongDiff_IsCut()
    {
        string diff = UnifiedDiff.Create(string.Join('\n', Enumerable.Range(0, 500)), "", "a", "b", maxLines: 10);

        Assert.EndsWith("… (diff cut after 10 lines)\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunks_OnlyLineDiffers_IndexesTheLines()
    {
        var hunk = Assert.Single(UnifiedDiff.Hunks(["x"], ["y"], context: 2));

        Assert.Equal((0, 1, 0, 1), (hunk.StartA, hunk.EndA, hunk.StartB, hunk.EndB));
        Assert.Equal([('-', 0), ('+', 0)], hunk.Lines);
    }

    [Fact]
    public void Hunks_LastLineDiffers_EndsAtTheLastLine()
    {
        var hunk = Assert.Single(UnifiedDiff.Hunks(["a", "b", "c", "x"], ["a", "b", "c", "y"], context: 2));

        Assert.Equal((1, 4, 1, 4), (hunk.StartA, hunk.EndA, hunk.StartB, hunk.EndB));
        Assert.Equal([(' ', 1), (' ', 2), ('-', 3), ('+', 3)], hunk.Lines);
    }

    [Fact]
    public void Hunks_LinesWithCarriageReturnsAndEmptyLines_AreOneLineEach()
    {
        var hunk = Assert.Single(UnifiedDiff.Hunks(["a\r", "x\r", ""], ["a\r", "y\r", ""], context: 2));

        Assert.Equal((0, 3, 0, 3), (hunk.StartA, hunk.EndA, hunk.StartB, hunk.EndB));
        Assert.Equal([(' ', 0), ('-', 1), ('+', 1), (' ', 2)], hunk.Lines);
    }

    [Fact]
    public void Hunks_NoLinesAgainstOne_IsOneAddedLine()
    {
        var hunk = Assert.Single(UnifiedDiff.Hunks([], ["x"], context: 2));

        Assert.Equal((0, 0, 0, 1), (hunk.StartA, hunk.EndA, hunk.StartB, hunk.EndB));
        Assert.Equal([('+', 0)], hunk.Lines);
    }

    [Fact]
    public void Hunks_EqualLines_AreNoHunk()
    {
        Assert.Empty(UnifiedDiff.Hunks(["a", ""], ["a", ""], context: 2));
    }
}
