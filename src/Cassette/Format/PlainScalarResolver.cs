using System.Globalization;

namespace Cassette;

/// <summary>
/// Whether a string written as a plain scalar would be read back by go-yaml as something other
/// than a string (null, bool, int, float, timestamp, merge key), mirroring go-yaml's
/// <c>resolve</c> plus the YAML 1.1 bools and base-60 numbers its encoder also quotes.
/// </summary>
internal static class PlainScalarResolver
{
    private const int StackLimit = 256;

    public static bool IsNonString(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return true;
        }

        switch (s[0])
        {
            case 'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~':
                return TryResolveBool(s, out _) || IsNullWord(s);
            case '.':
                return s is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" || IsGoFloatStartingWithDot(s);
            case '<':
                return s is "<<";
            case '+' or '-' or (>= '0' and <= '9'):
                return s is "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF"
                    || IsNumber(s)
                    || IsBase60(s)
                    || (char.IsAsciiDigit(s[0]) && IsTimestamp(s));
            default:
                return false;
        }
    }

    /// <summary>Whether go-yaml reads this plain scalar as a boolean (YAML 1.1's words), and which.</summary>
    public static bool TryResolveBool(ReadOnlySpan<char> s, out bool value)
    {
        switch (s)
        {
            case "true" or "True" or "TRUE" or "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                value = true;
                return true;
            case "false" or "False" or "FALSE" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Whether go-yaml reads this plain scalar as null.</summary>
    public static bool IsNullWord(ReadOnlySpan<char> s) => s is "" or "~" or "null" or "Null" or "NULL";

    private static bool IsNumber(ReadOnlySpan<char> text)
    {
        // go-yaml removes every '_' before trying ParseInt, ParseUint and ParseFloat.
        Span<char> buffer = stackalloc char[StackLimit];
        scoped ReadOnlySpan<char> s = text;
        if (text.Contains('_'))
        {
            if (text.Length > StackLimit)
            {
                buffer = new char[text.Length];
            }

            int length = 0;
            foreach (char c in text)
            {
                if (c != '_')
                {
                    buffer[length++] = c;
                }
            }

            s = buffer[..length];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        if (IsGoInteger(s) || (IsYamlStyleFloat(s) && IsFinite(s)))
        {
            return true;
        }

        // go-yaml's extra 0b/0o branches parse the rest with ParseInt, which takes a sign.
        if (s.Length > 2 && s[0] == '0' && s[1] is 'b' or 'o')
        {
            return IsSignedInteger(s[2..], s[1] == 'b' ? 2 : 8);
        }

        return false;
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c> or <c>strconv.ParseUint(s, 0, 64)</c> succeeds.</summary>
    private static bool IsGoInteger(ReadOnlySpan<char> s)
    {
        ulong limit = ulong.MaxValue;
        if (s[0] is '+' or '-')
        {
            limit = s[0] == '-' ? 1UL << 63 : long.MaxValue;
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        int radix = 10;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && (s[1] | 0x20) is 'b' or 'o' or 'x')
            {
                radix = (s[1] | 0x20) switch { 'b' => 2, 'o' => 8, _ => 16 };
                s = s[2..];
            }
            else
            {
                radix = 8;
                s = s[1..];
            }
        }

        return TryParseMagnitude(s, radix, out ulong magnitude) && magnitude <= limit;
    }

    private static bool IsSignedInteger(ReadOnlySpan<char> s, int radix)
    {
        ulong limit = ulong.MaxValue;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            limit = s[0] == '-' ? 1UL << 63 : long.MaxValue;
            s = s[1..];
        }

        return !s.IsEmpty && TryParseMagnitude(s, radix, out ulong magnitude) && magnitude <= limit;
    }

    private static bool TryParseMagnitude(ReadOnlySpan<char> digits, int radix, out ulong value)
    {
        value = 0;
        foreach (char c in digits)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix || value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            value = (value * (ulong)radix) + (ulong)digit;
        }

        return true;
    }

    /// <summary>go-yaml's <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>.</summary>
    private static bool IsYamlStyleFloat(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (s[i] is '+' or '-')
        {
            i++;
        }

        int wholeStart = i;
        i += CountDigits(s[i..]);
        if (i == wholeStart)
        {
            if (i >= s.Length || s[i] != '.')
            {
                return false;
            }

            i++;
            int fractionDigits = CountDigits(s[i..]);
            if (fractionDigits == 0)
            {
                return false;
            }

            i += fractionDigits;
        }
        else if (i < s.Length && s[i] == '.')
        {
            i++;
            i += CountDigits(s[i..]);
        }

        return i == s.Length || IsExponent(s[i..]);
    }

    private static bool IsExponent(ReadOnlySpan<char> s)
    {
        if (s.Length < 2 || (s[0] | 0x20) != 'e')
        {
            return false;
        }

        int i = s[1] is '+' or '-' ? 2 : 1;
        int digits = CountDigits(s[i..]);
        return digits > 0 && i + digits == s.Length;
    }

    /// <summary>
    /// Go's <c>strconv.ParseFloat</c> succeeds for a text starting with '.': digits (with
    /// underscores between them), an optional exponent, and no overflow to infinity.
    /// </summary>
    private static bool IsGoFloatStartingWithDot(ReadOnlySpan<char> s)
    {
        int i = 1;
        bool sawDigits = false;
        bool underscores = false;
        for (; i < s.Length; i++)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                sawDigits = true;
            }
            else if (s[i] == '_')
            {
                underscores = true;
            }
            else
            {
                break;
            }
        }

        if (!sawDigits)
        {
            return false;
        }

        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            for (; i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'); i++)
            {
                underscores |= s[i] == '_';
            }
        }

        if (i != s.Length || (underscores && !UnderscoresBetweenDigits(s)))
        {
            return false;
        }

        if (!underscores)
        {
            return IsFinite(s);
        }

        Span<char> buffer = s.Length <= StackLimit ? stackalloc char[s.Length] : new char[s.Length];
        int length = 0;
        foreach (char c in s)
        {
            if (c != '_')
            {
                buffer[length++] = c;
            }
        }

        return IsFinite(buffer[..length]);
    }

    /// <summary>Go's <c>underscoreOK</c> for a decimal number: every '_' sits between two digits.</summary>
    private static bool UnderscoresBetweenDigits(ReadOnlySpan<char> s)
    {
        char saw = '^';
        foreach (char c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                saw = '0';
            }
            else if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
            }
            else if (saw == '_')
            {
                return false;
            }
            else
            {
                saw = '!';
            }
        }

        return saw != '_';
    }

    // Go's ParseFloat reports a range error (so go-yaml keeps the string) when the value overflows.
    private static bool IsFinite(ReadOnlySpan<char> s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);

    /// <summary>go-yaml's base-60 float check: <c>^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$</c>.</summary>
    private static bool IsBase60(ReadOnlySpan<char> s)
    {
        if (!s.Contains(':'))
        {
            return false;
        }

        int i = s[0] is '+' or '-' ? 1 : 0;
        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }

        for (i++; i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'); i++)
        {
        }

        int groups = 0;
        while (i < s.Length && s[i] == ':')
        {
            i++;
            int digits = CountDigits(s[i..]);
            if (!(digits == 1 || (digits == 2 && s[i] <= '5')))
            {
                return false;
            }

            i += digits;
            groups++;
        }

        if (groups == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            for (i++; i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'); i++)
            {
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        int n = s.IndexOfAnyExceptInRange('0', '9');
        return n < 0 ? s.Length : n;
    }

    /// <summary>
    /// go-yaml's <c>parseTimestamp</c>: Go's <c>time.Parse</c> with the layouts
    /// <c>2006-1-2T15:4:5.999999999Z07:00</c>, the same with <c>t</c>,
    /// <c>2006-1-2 15:4:5.999999999</c> and <c>2006-1-2</c>.
    /// </summary>
    private static bool IsTimestamp(ReadOnlySpan<char> s)
    {
        if (s.Length < 5 || CountDigits(s) != 4 || s[4] != '-')
        {
            return false;
        }

        int year = ((s[0] - '0') * 1000) + ((s[1] - '0') * 100) + ((s[2] - '0') * 10) + (s[3] - '0');
        var rest = s[5..];
        if (!TakeNumber(ref rest, out int month) || month is < 1 or > 12
            || rest.IsEmpty || rest[0] != '-')
        {
            return false;
        }

        rest = rest[1..];
        if (!TakeNumber(ref rest, out int day) || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month))
        {
            return false;
        }

        if (rest.IsEmpty)
        {
            return true;
        }

        bool zoned;
        if (rest[0] is 'T' or 't')
        {
            zoned = true;
            rest = rest[1..];
        }
        else if (rest[0] == ' ')
        {
            // A space in a Go layout matches any run of spaces.
            zoned = false;
            rest = rest.TrimStart(' ');
        }
        else
        {
            return false;
        }

        if (!TakeNumber(ref rest, out int hour) || hour >= 24
            || !TakeSeparator(ref rest, ':') || !TakeNumber(ref rest, out int minute) || minute >= 60
            || !TakeSeparator(ref rest, ':') || !TakeNumber(ref rest, out int second) || second >= 60)
        {
            return false;
        }

        if (rest.Length >= 2 && rest[0] is '.' or ',' && char.IsAsciiDigit(rest[1]))
        {
            rest = rest[(1 + CountDigits(rest[1..]))..];
        }

        if (!zoned)
        {
            return rest.IsEmpty;
        }

        if (rest is "Z")
        {
            return true;
        }

        return rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':'
            && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2])
            && char.IsAsciiDigit(rest[4]) && char.IsAsciiDigit(rest[5])
            && ((rest[1] - '0') * 10) + (rest[2] - '0') <= 24
            && ((rest[4] - '0') * 10) + (rest[5] - '0') <= 60;
    }

    /// <summary>Go's <c>getnum(s, false)</c>: one or two digits.</summary>
    private static bool TakeNumber(ref ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || !char.IsAsciiDigit(s[0]))
        {
            return false;
        }

        if (s.Length >= 2 && char.IsAsciiDigit(s[1]))
        {
            value = ((s[0] - '0') * 10) + (s[1] - '0');
            s = s[2..];
        }
        else
        {
            value = s[0] - '0';
            s = s[1..];
        }

        return true;
    }

    private static bool TakeSeparator(ref ReadOnlySpan<char> s, char separator)
    {
        if (s.IsEmpty || s[0] != separator)
        {
            return false;
        }

        s = s[1..];
        return true;
    }
}
