using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

public sealed class NaturalKeyComparerTests
{
    [Theory]
    [InlineData("A_b", "AB")] // non-letter before letter when no digit precedes
    [InlineData("AB", "Ab")] // both letters: code point, upper case first
    [InlineData("X-B", "x-a")]
    [InlineData("X-2", "X-10")] // digit runs compare as numbers
    [InlineData("9", "10")]
    [InlineData("Ab9", "Ab09")] // equal numbers: the shorter run first
    [InlineData("Ab09", "Ab10")]
    [InlineData("Ab10", "X-2")]
    [InlineData("a1b", "a1_")] // after a digit the letter comes first
    [InlineData("a13", "a102")] // a differing 0 after a non-zero digit keeps its place value
    [InlineData("a", "a1")] // a prefix comes first
    [InlineData("Content-Type", "User-Agent")]
    public void Compare_OrderedPair_FirstSortsBefore(string first, string second)
    {
        Assert.True(NaturalKeyComparer.Instance.Compare(first, second) < 0, $"\"{first}\" should sort before \"{second}\".");
        Assert.True(NaturalKeyComparer.Instance.Compare(second, first) > 0, $"\"{second}\" should sort after \"{first}\".");
    }

    [Fact]
    public void Compare_SameText_IsZero()
    {
        Assert.Equal(0, NaturalKeyComparer.Instance.Compare("X-Ratelimit-Limit-Requests", new string("X-Ratelimit-Limit-Requests")));
    }

    [Theory]
    [InlineData("header_sort.xvcr.yaml")]
    [InlineData("header_sort.default.yaml")]
    public void Sort_GoldenHeaderSortKeys_GivesTheGoldenOrder(string file)
    {
        foreach (var section in new[] { "form:", "headers:" })
        {
            var expected = KeysUnder(file, section, response: section == "headers:");

            Assert.True(expected.Count >= 4);
            var sorted = expected.AsEnumerable().Reverse().ToArray();
            Array.Sort(sorted, NaturalKeyComparer.Instance);
            Assert.Equal(expected, sorted);
        }
    }

    /// <summary>The keys of a header or form map in a golden file, in file order, unquoted.</summary>
    private static List<string> KeysUnder(string file, string section, bool response)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Fixtures.Golden, file));
        int start = Array.FindIndex(lines, l => l.Trim() == "response:");
        int from = response ? start : 0;
        int at = Array.FindIndex(lines, from, l => l.Trim() == section);
        int keyIndent = lines[at + 1].Length - lines[at + 1].TrimStart().Length;
        var keys = new List<string>();
        for (int i = at + 1; i < lines.Length; i++)
        {
            int indent = lines[i].Length - lines[i].TrimStart().Length;
            if (indent < keyIndent)
            {
                break;
            }

            string trimmed = lines[i].Trim();
            if (indent == keyIndent && !trimmed.StartsWith('-') && trimmed.EndsWith(':'))
            {
                keys.Add(trimmed[..^1].Trim('"'));
            }
        }

        return keys;
    }
}
