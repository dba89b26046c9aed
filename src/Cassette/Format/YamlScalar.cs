using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Cassette;

/// <summary>
/// Chooses and writes the style of one string scalar the way go-yaml (rc.3) and the libyaml
/// emitter it ports do: the encoder requests a style, <c>analyze_scalar</c> says which styles
/// can hold the text, and the emitter downgrades to the next style that can.
/// </summary>
internal static class YamlScalar
{
    private const int Base64LineLength = 70;
    private const int MaxSimpleKeyBytes = 128;

    // Characters that change nothing in the analysis except "the previous one was not a
    // space, break or blank": printable ASCII but the space, ':' and '#'.
    private static readonly bool[] s_neutral = AsciiTable(
        "!\"$%&'()*+,-./0123456789;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> s_lineBreaks = SearchValues.Create("\n\r\u0085\u2028\u2029");

    // Printable ASCII a double-quoted scalar writes as is.
    private static readonly bool[] s_doubleQuotedAsIs = AsciiTable(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> s_singleQuotedSpecial = SearchValues.Create("'\u2028\u2029");

    [Flags]
    private enum Traits
    {
        None = 0,
        BlockIndicator = 1 << 0,
        LineBreak = 1 << 1,
        Special = 1 << 2,
        Tab = 1 << 3,
        LeadingSpace = 1 << 4,
        LeadingBreak = 1 << 5,
        TrailingSpace = 1 << 6,
        TrailingBreak = 1 << 7,
        BreakSpace = 1 << 8,
        SpaceBreak = 1 << 9,
        Newline = 1 << 10,
        NotAllWhiteSpace = 1 << 11,
        Empty = 1 << 12,

        NoPlain = BlockIndicator | LineBreak | Special | Tab | LeadingSpace | LeadingBreak
            | TrailingSpace | TrailingBreak | BreakSpace | SpaceBreak,
        NoSingleQuoted = BreakSpace | SpaceBreak | Tab | Special,
        NoLiteral = TrailingSpace | SpaceBreak | Special | Empty,
    }

    private enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }

    /// <summary>
    /// Appends a string in value position (after <c>key:</c>, <c>-</c> or <c>?</c>): a space and
    /// the scalar, then ends the line. <paramref name="indent"/> is the column of a literal
    /// block's lines (and of the text after a U+2028 in a single-quoted one), <paramref name="indentStep"/>
    /// the layout's indent (2 or 4).
    /// </summary>
    public static void AppendValue(StringBuilder output, ReadOnlySpan<char> value, int indent, int indentStep) =>
        Append(output, value, indent, indentStep, tagged: false);

    /// <summary>Appends a body like <see cref="AppendValue"/>; bytes that are not UTF-8 become <c>!!binary</c> base64.</summary>
    public static void AppendBytes(StringBuilder output, ReadOnlySpan<byte> bytes, int indent, int indentStep)
    {
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            if (Utf8.ToUtf16(bytes, buffer, out _, out int written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                Append(output, buffer.AsSpan(0, written), indent, indentStep, tagged: false);
            }
            else
            {
                AppendBinary(output, bytes, indent, indentStep);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Appends a mapping key at the current position (the line's indentation already written)
    /// without the colon, or appends nothing and returns <see langword="false"/> when go-yaml would
    /// not write it as a simple key (a line break in it, or longer than 128 bytes).
    /// </summary>
    public static bool TryAppendSimpleKey(StringBuilder output, ReadOnlySpan<char> key)
    {
        var traits = Analyze(key);
        if ((traits & Traits.LineBreak) != 0 || !FitsSimpleKey(key))
        {
            return false;
        }

        var style = RequestedStyle(key, traits, tagged: false);
        if (style == Style.Plain && ((traits & Traits.NoPlain) != 0 || key.IsEmpty))
        {
            style = Style.SingleQuoted;
        }

        if (style == Style.SingleQuoted && (traits & Traits.NoSingleQuoted) != 0)
        {
            style = Style.DoubleQuoted;
        }

        WriteInline(output, key, style, indent: 0, leadingSpace: false);
        return true;
    }

    private static void Append(StringBuilder output, ReadOnlySpan<char> value, int indent, int indentStep, bool tagged)
    {
        var traits = Analyze(value);
        var style = RequestedStyle(value, traits, tagged);
        switch (style)
        {
            case Style.Plain when (traits & Traits.NoPlain) != 0:
                style = (traits & Traits.NoSingleQuoted) != 0 ? Style.DoubleQuoted : Style.SingleQuoted;
                break;
            case Style.Literal when (traits & Traits.NoLiteral) != 0:
                style = Style.DoubleQuoted;
                break;
        }

        if (style == Style.Literal)
        {
            WriteLiteral(output, value, indent, indentStep);
            return;
        }

        WriteInline(output, value, style, indent, leadingSpace: true);
        output.Append('\n');
    }

    private static void AppendBinary(StringBuilder output, ReadOnlySpan<byte> bytes, int indent, int indentStep)
    {
        int encodedLength = ((bytes.Length + 2) / 3) * 4;
        char[] encoded = ArrayPool<char>.Shared.Rent(encodedLength + (encodedLength / Base64LineLength) + 1);
        try
        {
            Convert.TryToBase64Chars(bytes, encoded, out int written);
            int length = written;
            if (written >= Base64LineLength)
            {
                // go-yaml cuts long base64 into 70-character lines, each ending in a line break,
                // which makes the text a literal block.
                int lines = (written + Base64LineLength - 1) / Base64LineLength;
                length = written + lines;
                for (int line = lines - 1; line >= 0; line--)
                {
                    int start = line * Base64LineLength;
                    int count = Math.Min(Base64LineLength, written - start);
                    encoded[start + line + count] = '\n';
                    encoded.AsSpan(start, count).CopyTo(encoded.AsSpan(start + line));
                }
            }

            output.Append(" !!binary");
            Append(output, encoded.AsSpan(0, length), indent, indentStep, tagged: true);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(encoded);
        }
    }

    private static Style RequestedStyle(ReadOnlySpan<char> value, Traits traits, bool tagged)
    {
        if ((traits & Traits.Newline) != 0)
        {
            // go-yaml asks for a literal only when the text is at least 2 bytes and not all
            // white space; "\n" and "\n\n" come out double-quoted.
            return value.Length < 2 || (traits & Traits.NotAllWhiteSpace) == 0 ? Style.DoubleQuoted : Style.Literal;
        }

        return !tagged && PlainScalarResolver.IsNonString(value) ? Style.DoubleQuoted : Style.Plain;
    }

    /// <summary>libyaml's <c>yaml_emitter_analyze_scalar</c> for block context, in one pass.</summary>
    private static Traits Analyze(ReadOnlySpan<char> value)
    {
        int n = value.Length;
        if (n == 0)
        {
            return Traits.Empty;
        }

        var traits = Traits.None;
        if (n >= 3 && (value.StartsWith("---") || value.StartsWith("...")))
        {
            traits |= Traits.BlockIndicator;
        }

        bool precededByWhitespace = true;
        bool previousSpace = false;
        bool previousBreak = false;
        int i = 0;
        while (i < n)
        {
            char c = value[i];
            int width = 1;
            bool supplementary = false;
            if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(value[i + 1]))
            {
                width = 2;
                supplementary = true;
            }

            int next = i + width;
            bool followedByWhitespace = next >= n || value[next] is ' ' or '\t';
            if (i == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        traits |= Traits.BlockIndicator;
                        break;
                    case '?' or ':' or '-' when followedByWhitespace:
                        traits |= Traits.BlockIndicator;
                        break;
                }
            }
            else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace))
            {
                traits |= Traits.BlockIndicator;
            }

            if (c == '\t')
            {
                traits |= Traits.Tab;
            }
            else if (supplementary || !IsPrintable(c))
            {
                // Everything above U+FFFF (emoji) is "special" to libyaml's is_printable.
                traits |= Traits.Special;
            }

            if (c == ' ')
            {
                if (i == 0)
                {
                    traits |= Traits.LeadingSpace;
                }

                if (next == n)
                {
                    traits |= Traits.TrailingSpace;
                }

                if (previousBreak)
                {
                    traits |= Traits.BreakSpace;
                }

                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                traits |= c == '\n' ? Traits.LineBreak | Traits.Newline : Traits.LineBreak;
                if (i == 0)
                {
                    traits |= Traits.LeadingBreak;
                }

                if (next == n)
                {
                    traits |= Traits.TrailingBreak;
                }

                if (previousSpace)
                {
                    traits |= Traits.SpaceBreak;
                }

                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            if (supplementary || !IsGoSpace(c))
            {
                traits |= Traits.NotAllWhiteSpace;
            }

            precededByWhitespace = c is ' ' or '\t' or '\0' || IsBreak(c);
            i = next;

            // Skip a run of characters that cannot change any trait. Runs in JSON are short, so
            // a table loop beats a vectorized search here.
            int runStart = i;
            while (i < n && value[i] < 128 && s_neutral[value[i]])
            {
                i++;
            }

            if (i != runStart)
            {
                traits |= Traits.NotAllWhiteSpace;
                previousSpace = false;
                previousBreak = false;
                precededByWhitespace = false;
            }
        }

        return traits;
    }

    private static void WriteInline(StringBuilder output, ReadOnlySpan<char> value, Style style, int indent, bool leadingSpace)
    {
        switch (style)
        {
            case Style.Plain:
                if (leadingSpace && !value.IsEmpty)
                {
                    output.Append(' ');
                }

                output.Append(value);
                break;
            case Style.SingleQuoted:
                output.Append(leadingSpace ? " '" : "'");
                WriteSingleQuotedContent(output, value, indent);
                output.Append('\'');
                break;
            default:
                output.Append(leadingSpace ? " \"" : "\"");
                WriteDoubleQuotedContent(output, value);
                output.Append('"');
                break;
        }
    }

    private static void WriteSingleQuotedContent(StringBuilder output, ReadOnlySpan<char> value, int indent)
    {
        bool afterBreak = false;
        while (!value.IsEmpty)
        {
            int special = value.IndexOfAny(s_singleQuotedSpecial);
            int run = special < 0 ? value.Length : special;
            if (run > 0)
            {
                if (afterBreak)
                {
                    // libyaml writes U+2028/U+2029 as is and indents the text after them.
                    output.Append(' ', indent);
                    afterBreak = false;
                }

                output.Append(value[..run]);
                value = value[run..];
                continue;
            }

            char c = value[0];
            if (c == '\'')
            {
                if (afterBreak)
                {
                    output.Append(' ', indent);
                    afterBreak = false;
                }

                output.Append("''");
            }
            else
            {
                output.Append(c);
                afterBreak = true;
            }

            value = value[1..];
        }
    }

    private static void WriteDoubleQuotedContent(StringBuilder output, ReadOnlySpan<char> value)
    {
        // libyaml's is_bom looks at the start of the value, not at the current character, so a
        // value starting with a BOM gets every character escaped.
        bool escapeAll = !value.IsEmpty && value[0] == '\uFEFF';
        int i = 0;
        while (i < value.Length)
        {
            if (!escapeAll)
            {
                int runStart = i;
                while (i < value.Length && value[i] < 128 && s_doubleQuotedAsIs[value[i]])
                {
                    i++;
                }

                output.Append(value[runStart..i]);
                if (i == value.Length)
                {
                    return;
                }
            }

            char c = value[i];
            int codePoint = c;
            int width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, value[i + 1]);
                width = 2;
            }

            if (!escapeAll && width == 1 && IsPrintable(c) && !IsBreak(c) && c != '"' && c != '\\')
            {
                output.Append(c);
                i++;
                continue;
            }

            AppendEscape(output, codePoint);
            i += width;
        }
    }

    private static void AppendEscape(StringBuilder output, int codePoint)
    {
        output.Append('\\');
        char simple = codePoint switch
        {
            0x00 => '0',
            0x07 => 'a',
            0x08 => 'b',
            0x09 => 't',
            0x0A => 'n',
            0x0B => 'v',
            0x0C => 'f',
            0x0D => 'r',
            0x1B => 'e',
            0x22 => '"',
            0x5C => '\\',
            0x85 => 'N',
            0xA0 => '_',
            0x2028 => 'L',
            0x2029 => 'P',
            _ => '\0',
        };
        if (simple != '\0')
        {
            output.Append(simple);
            return;
        }

        (char prefix, int digits) = codePoint switch
        {
            <= 0xFF => ('x', 2),
            <= 0xFFFF => ('u', 4),
            _ => ('U', 8),
        };
        output.Append(prefix);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            output.Append("0123456789ABCDEF"[(codePoint >> shift) & 0xF]);
        }
    }

    private static void WriteLiteral(StringBuilder output, ReadOnlySpan<char> value, int indent, int indentStep)
    {
        output.Append(" |");
        if (value[0] == ' ' || IsBreak(value[0]))
        {
            // The indentation indicator is the layout's indent step, not the block's column.
            output.Append((char)('0' + indentStep));
        }

        char last = value[^1];
        if (!IsBreak(last))
        {
            output.Append('-');
        }
        else if (value.Length == 1 || IsBreak(value[^2]))
        {
            output.Append('+');
        }

        output.Append('\n');
        bool atLineStart = true;
        while (!value.IsEmpty)
        {
            int lineBreak = value.IndexOfAny(s_lineBreaks);
            int run = lineBreak < 0 ? value.Length : lineBreak;
            if (run > 0)
            {
                if (atLineStart)
                {
                    output.Append(' ', indent);
                }

                output.Append(value[..run]);
                atLineStart = false;
                value = value[run..];
                continue;
            }

            // A U+2028 or U+2029 ends the line too; the emitter writes it as is, with no '\n'.
            output.Append(value[0]);
            atLineStart = true;
            value = value[1..];
        }

        if (!atLineStart)
        {
            output.Append('\n');
        }
    }

    private static bool[] AsciiTable(string members)
    {
        var table = new bool[128];
        foreach (char c in members)
        {
            table[c] = true;
        }

        return table;
    }

    private static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>libyaml's <c>is_printable</c> for a BMP character.</summary>
    private static bool IsPrintable(char c) =>
        c == '\n'
        || (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    /// <summary>Go's <c>unicode.IsSpace</c>.</summary>
    private static bool IsGoSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    private static bool FitsSimpleKey(ReadOnlySpan<char> key) =>
        key.Length * 3 <= MaxSimpleKeyBytes || Encoding.UTF8.GetByteCount(key) <= MaxSimpleKeyBytes;
}
