using System.Text;
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

    [Fact]
    public void Compare_RandomKeysWithLettersAndDigitsNewerThanUnicode15_OrdersAsGoYaml()
    {
        var random = new Random(15_0_0);
        int[] alphabet =
        [
            'A', 'B', 'a', 'b', 'Z', '0', '1', '2', '9', '-', '_', '.',
            0x00E9, 0x4E00, 0x0663, 0x1342F, // letters and a digit in every version
            0x13460, 0x16100, 0x1E5D0, 0x105C0, 0x2EBF0, // letters only from Unicode 15.1 or 16.0 on
            0x10D40, 0x116D0, 0x1CCF0, 0x1E5F1, // digits only from Unicode 16.0 on
        ];
        int newerOrder = 0;
        for (int map = 0; map < 2000; map++)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (keys.Count < 8)
            {
                var key = new StringBuilder();
                for (int length = random.Next(1, 7); length > 0; length--)
                {
                    key.Append(char.ConvertFromUtf32(alphabet[random.Next(alphabet.Length)]));
                }

                keys.Add(key.ToString());
            }

            var ours = keys.Order(NaturalKeyComparer.Instance).ToList();
            var goYaml = keys.Order(Comparer<string>.Create((x, y) => GoYamlOrder(x, y, UnicodeSince15.IsLetter15, UnicodeSince15.IsDigit15))).ToList();
            var unicode16 = keys.Order(Comparer<string>.Create((x, y) => GoYamlOrder(x, y, UnicodeSince15.IsLetter16, UnicodeSince15.IsDigit16))).ToList();
            Assert.Equal(goYaml, ours);
            newerOrder += goYaml.SequenceEqual(unicode16) ? 0 : 1;
        }

        // The keys do reach the characters whose class changed: by Unicode 16's tables, hundreds of maps sort otherwise.
        Assert.InRange(newerOrder, 200, 2000);
    }

    /// <summary>go-yaml's <c>keyList.Less</c> (yaml.v3 v3.0.1, go.yaml.in/yaml/v4) for two strings, as -1 or 1 (0 when equal).</summary>
    private static int GoYamlOrder(string x, string y, Func<int, bool> isLetter, Func<int, bool> isDigit)
    {
        int[] a = [.. x.EnumerateRunes().Select(r => r.Value)];
        int[] b = [.. y.EnumerateRunes().Select(r => r.Value)];
        if (a.SequenceEqual(b))
        {
            return 0;
        }

        return Less(a, b) ? -1 : 1;

        bool Less(int[] ar, int[] br)
        {
            bool digits = false;
            for (int i = 0; i < ar.Length && i < br.Length; i++)
            {
                if (ar[i] == br[i])
                {
                    digits = isDigit(ar[i]);
                    continue;
                }

                bool al = isLetter(ar[i]);
                bool bl = isLetter(br[i]);
                if (al && bl)
                {
                    return ar[i] < br[i];
                }

                if (al || bl)
                {
                    return digits ? al : bl;
                }

                long an = 0, bn = 0;
                if (ar[i] == '0' || br[i] == '0')
                {
                    for (int j = i - 1; j >= 0 && isDigit(ar[j]); j--)
                    {
                        if (ar[j] != '0')
                        {
                            an = 1;
                            bn = 1;
                            break;
                        }
                    }
                }

                int ai = i, bi = i;
                for (; ai < ar.Length && isDigit(ar[ai]); ai++)
                {
                    an = unchecked((an * 10) + (ar[ai] - '0'));
                }

                for (; bi < br.Length && isDigit(br[bi]); bi++)
                {
                    bn = unchecked((bn * 10) + (br[bi] - '0'));
                }

                if (an != bn)
                {
                    return an < bn;
                }

                if (ai != bi)
                {
                    return ai < bi;
                }

                return ar[i] < br[i];
            }

            return ar.Length < br.Length;
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
