using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

public sealed class GoUnicodeTests
{
    [Fact]
    public void IsLetterAndIsDigit_EveryCodePointChangedAfterUnicode15_AnswerAsGo121To126()
    {
        foreach (var (first, last, category) in UnicodeSince15.Ranges)
        {
            for (int rune = first; rune <= last; rune++)
            {
                Assert.False(GoUnicode.IsLetter(rune), $"U+{rune:X4} is not a letter in Unicode 15.0.0.");
                Assert.False(GoUnicode.IsDigit(rune), $"U+{rune:X4} is not a digit in Unicode 15.0.0.");
            }

            // The runtime's own tables, which the key order used before, say otherwise from Unicode 16 on.
            if (Environment.Version.Major >= 10)
            {
                var rune16 = new Rune(first);
                Assert.True(category == "L" ? Rune.IsLetter(rune16) : Rune.IsDigit(rune16), $"U+{first:X4} is {category} in .NET 10.");
            }
        }
    }

    [Theory]
    [InlineData(0x00AA, true)] // ª, Lo in Latin-1
    [InlineData(0x00B5, true)] // µ
    [InlineData(0x00D7, false)] // ×
    [InlineData(0x00FF, true)] // ÿ
    [InlineData(0x01C88, true)] // last Cyrillic Extended-C letter before U+1C89 (Unicode 16)
    [InlineData(0x1342F, true)] // Egyptian hieroglyph, Unicode 15.0
    [InlineData(0x13441, true)]
    [InlineData(0x13460, false)] // Egyptian Hieroglyphs Extended-A, Unicode 16.0
    [InlineData(0x2EBE0, true)] // last of CJK Extension F
    [InlineData(0x2EBF0, false)] // CJK Extension I, Unicode 15.1
    [InlineData(0x323AF, true)] // last of CJK Extension H, Unicode 15.0
    [InlineData(0x1F600, false)] // emoji
    [InlineData(0xD800, false)] // lone surrogate
    public void IsLetter_CodePoint_AsGo121To126(int rune, bool letter)
    {
        Assert.Equal(letter, GoUnicode.IsLetter(rune));
    }

    [Theory]
    [InlineData(0x0030, true)]
    [InlineData(0x0039, true)]
    [InlineData(0x00B2, false)] // ², No
    [InlineData(0x0663, true)] // Arabic-Indic three
    [InlineData(0xFF19, true)] // fullwidth nine
    [InlineData(0x1FBF9, true)] // segmented digit nine, Unicode 13
    [InlineData(0x116D0, false)] // Myanmar Extended-C digit, Unicode 16.0
    [InlineData(0x2160, false)] // Ⅰ, Nl
    public void IsDigit_CodePoint_AsGo121To126(int rune, bool digit)
    {
        Assert.Equal(digit, GoUnicode.IsDigit(rune));
    }

    [Fact]
    public void IsLetterAndIsDigit_EveryCodePoint_AgreeWithTheRuntimeLessTheLaterAdditions()
    {
        for (int rune = 0; rune <= 0x10FFFF; rune++)
        {
            if (GoUnicode.IsLetter(rune) != UnicodeSince15.IsLetter15(rune) || GoUnicode.IsDigit(rune) != UnicodeSince15.IsDigit15(rune))
            {
                Assert.Fail($"U+{rune:X4}: the frozen tables and Unicode 15.0.0 disagree.");
            }
        }
    }
}
