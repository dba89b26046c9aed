namespace Cassette;

/// <summary>
/// The order go-yaml writes map keys in (<c>keyList.Less</c> in its sorter): code point order,
/// except that runs of digits compare as numbers and a letter sorts relative to a non-letter
/// by whether a digit came just before. Letters and digits are Go's, not the runtime's: .NET 10
/// knows Unicode 16 letters that go-yaml does not (<see cref="GoUnicode"/>).
/// </summary>
internal sealed class NaturalKeyComparer : IComparer<string>
{
    private const int StackLimit = 128;

    public static NaturalKeyComparer Instance { get; } = new();

    private NaturalKeyComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        // go-yaml compares []rune, so surrogate pairs count as one character.
        Span<int> runesX = x.Length <= StackLimit ? stackalloc int[x.Length] : new int[x.Length];
        Span<int> runesY = y.Length <= StackLimit ? stackalloc int[y.Length] : new int[y.Length];
        return Compare(runesX[..ToRunes(x, runesX)], runesY[..ToRunes(y, runesY)]);
    }

    private static int ToRunes(string text, Span<int> runes)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                runes[count++] = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }
            else
            {
                runes[count++] = c;
            }
        }

        return count;
    }

    private static int Compare(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        bool digits = false;
        for (int i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i])
            {
                digits = GoUnicode.IsDigit(a[i]);
                continue;
            }

            bool aLetter = GoUnicode.IsLetter(a[i]);
            bool bLetter = GoUnicode.IsLetter(b[i]);
            if (aLetter && bLetter)
            {
                return a[i] < b[i] ? -1 : 1;
            }

            if (aLetter || bLetter)
            {
                // After a digit a letter sorts first ("a1b" < "a1_"); otherwise the non-letter does.
                bool aFirst = digits ? aLetter : bLetter;
                return aFirst ? -1 : 1;
            }

            long aNumber = 0;
            long bNumber = 0;
            if (a[i] == '0' || b[i] == '0')
            {
                // A zero after a non-zero digit of the same run is significant: go-yaml seeds
                // both numbers with 1 so that "10" and "1" followed by "0…" stay apart.
                for (int j = i - 1; j >= 0 && GoUnicode.IsDigit(a[j]); j--)
                {
                    if (a[j] != '0')
                    {
                        aNumber = 1;
                        bNumber = 1;
                        break;
                    }
                }
            }

            int aEnd = i;
            for (; aEnd < a.Length && GoUnicode.IsDigit(a[aEnd]); aEnd++)
            {
                aNumber = unchecked((aNumber * 10) + (a[aEnd] - '0'));
            }

            int bEnd = i;
            for (; bEnd < b.Length && GoUnicode.IsDigit(b[bEnd]); bEnd++)
            {
                bNumber = unchecked((bNumber * 10) + (b[bEnd] - '0'));
            }

            if (aNumber != bNumber)
            {
                return aNumber < bNumber ? -1 : 1;
            }

            if (aEnd != bEnd)
            {
                return aEnd < bEnd ? -1 : 1;
            }

            return a[i] < b[i] ? -1 : 1;
        }

        return a.Length.CompareTo(b.Length);
    }
}
