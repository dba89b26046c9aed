using System.Text;

namespace Cassette.Tests.Support;

/// <summary>
/// The code points whose letter (L) or decimal digit (Nd) status changed after Unicode 15.0.0, the
/// version of Go 1.21 to 1.26: Unicode 15.1's CJK Extension I and Unicode 16.0's new scripts. Every
/// change was one way, from unassigned to letter or digit. Listed by comparing .NET 10's
/// <see cref="Rune"/> (Unicode 16.0) with Unicode 15.0.0's UnicodeData.txt code point by code point.
/// </summary>
internal static class UnicodeSince15
{
    public static readonly (int First, int Last, string Category)[] Ranges =
    [
        (0x01C89, 0x01C8A, "L"), (0x0A7CB, 0x0A7CD, "L"), (0x0A7DA, 0x0A7DC, "L"), (0x105C0, 0x105F3, "L"),
        (0x10D40, 0x10D49, "Nd"), (0x10D4A, 0x10D65, "L"), (0x10D6F, 0x10D85, "L"), (0x10EC2, 0x10EC4, "L"),
        (0x11380, 0x11389, "L"), (0x1138B, 0x1138B, "L"), (0x1138E, 0x1138E, "L"), (0x11390, 0x113B5, "L"),
        (0x113B7, 0x113B7, "L"), (0x113D1, 0x113D1, "L"), (0x113D3, 0x113D3, "L"), (0x116D0, 0x116E3, "Nd"),
        (0x11BC0, 0x11BE0, "L"), (0x11BF0, 0x11BF9, "Nd"), (0x13460, 0x143FA, "L"), (0x16100, 0x1611D, "L"),
        (0x16130, 0x16139, "Nd"), (0x16D40, 0x16D6C, "L"), (0x16D70, 0x16D79, "Nd"), (0x18CFF, 0x18CFF, "L"),
        (0x1CCF0, 0x1CCF9, "Nd"), (0x1E5D0, 0x1E5ED, "L"), (0x1E5F0, 0x1E5F0, "L"), (0x1E5F1, 0x1E5FA, "Nd"),
        (0x2EBF0, 0x2EE5D, "L"),
    ];

    /// <summary>Go 1.21–1.26's <c>unicode.IsLetter</c>, from the runtime's tables less the later letters.</summary>
    public static bool IsLetter15(int rune) => IsRuntimeLetter(rune) && !In(rune, "L");

    /// <summary>Go 1.21–1.26's <c>unicode.IsDigit</c>, from the runtime's tables less the later digits.</summary>
    public static bool IsDigit15(int rune) => IsRuntimeDigit(rune) && !In(rune, "Nd");

    /// <summary>Unicode 16.0's letters, whatever the runtime's version.</summary>
    public static bool IsLetter16(int rune) => IsRuntimeLetter(rune) || In(rune, "L");

    /// <summary>Unicode 16.0's decimal digits, whatever the runtime's version.</summary>
    public static bool IsDigit16(int rune) => IsRuntimeDigit(rune) || In(rune, "Nd");

    private static bool IsRuntimeLetter(int rune) => Rune.IsValid(rune) && Rune.IsLetter(new Rune(rune));

    private static bool IsRuntimeDigit(int rune) => Rune.IsValid(rune) && Rune.IsDigit(new Rune(rune));

    private static bool In(int rune, string category) =>
        Ranges.Any(r => r.Category == category && rune >= r.First && rune <= r.Last);
}
