namespace Cassette;

/// <summary>
/// A Go <c>time.Duration</c>: a signed count of nanoseconds, written as Go's
/// <c>Duration.String()</c> writes it (<c>1.579724709s</c>, <c>210.272µs</c>, <c>1h0m5s</c>).
/// </summary>
/// <remarks>
/// <see cref="TimeSpan"/> counts 100 ns ticks and cannot hold go-vcr's recorded durations
/// exactly, hence this type.
/// </remarks>
/// <param name="Nanoseconds">The length in nanoseconds.</param>
public readonly record struct GoDuration(long Nanoseconds) : IComparable<GoDuration>
{
    private const long Microsecond = 1_000;
    private const long Millisecond = 1_000_000;
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    /// <summary>The zero duration, written <c>0s</c>.</summary>
    public static GoDuration Zero => default;

    /// <summary>Converts a <see cref="TimeSpan"/> (exact: a tick is 100 ns).</summary>
    public static GoDuration FromTimeSpan(TimeSpan value) => new(checked(value.Ticks * 100));

    /// <summary>Converts to a <see cref="TimeSpan"/>, rounding down to whole 100 ns ticks.</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Nanoseconds / 100);

    /// <inheritdoc />
    public int CompareTo(GoDuration other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Whether <paramref name="left"/> is shorter than <paramref name="right"/>.</summary>
    public static bool operator <(GoDuration left, GoDuration right) => left.Nanoseconds < right.Nanoseconds;

    /// <summary>Whether <paramref name="left"/> is longer than <paramref name="right"/>.</summary>
    public static bool operator >(GoDuration left, GoDuration right) => left.Nanoseconds > right.Nanoseconds;

    /// <summary>Whether <paramref name="left"/> is not longer than <paramref name="right"/>.</summary>
    public static bool operator <=(GoDuration left, GoDuration right) => left.Nanoseconds <= right.Nanoseconds;

    /// <summary>Whether <paramref name="left"/> is not shorter than <paramref name="right"/>.</summary>
    public static bool operator >=(GoDuration left, GoDuration right) => left.Nanoseconds >= right.Nanoseconds;

    /// <summary>The text Go's <c>Duration.String()</c> gives for this duration.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxTextLength];
        return new string(buffer[..Format(buffer)]);
    }

    /// <summary>The longest text <see cref="Format"/> writes (<c>-2562047h47m16.854775808s</c>, with room to spare).</summary>
    internal const int MaxTextLength = 32;

    /// <summary>Writes the <see cref="ToString"/> text into <paramref name="destination"/> (at least <see cref="MaxTextLength"/> long) and returns its length.</summary>
    internal int Format(Span<char> destination)
    {
        // A port of Go's Duration.format: digits are written from the end of the buffer.
        Span<char> buffer = stackalloc char[MaxTextLength];
        int w = buffer.Length;

        // Work on the magnitude as unsigned so that long.MinValue formats like Go does.
        ulong u = Nanoseconds < 0 ? unchecked((ulong)-Nanoseconds) : (ulong)Nanoseconds;
        if (u < Second)
        {
            buffer[--w] = 's';
            int precision;
            switch (u)
            {
                case 0:
                    buffer[--w] = '0';
                    return Copy(buffer[w..], destination);
                case < Microsecond:
                    precision = 0;
                    buffer[--w] = 'n';
                    break;
                case < Millisecond:
                    precision = 3;
                    buffer[--w] = '\u00B5';
                    break;
                default:
                    precision = 6;
                    buffer[--w] = 'm';
                    break;
            }

            w = WriteFraction(buffer[..w], ref u, precision);
            w = WriteInteger(buffer[..w], u);
        }
        else
        {
            buffer[--w] = 's';
            w = WriteFraction(buffer[..w], ref u, 9);
            w = WriteInteger(buffer[..w], u % 60);
            u /= 60;
            if (u > 0)
            {
                buffer[--w] = 'm';
                w = WriteInteger(buffer[..w], u % 60);
                u /= 60;
                if (u > 0)
                {
                    buffer[--w] = 'h';
                    w = WriteInteger(buffer[..w], u);
                }
            }
        }

        if (Nanoseconds < 0)
        {
            buffer[--w] = '-';
        }

        return Copy(buffer[w..], destination);
    }

    private static int Copy(ReadOnlySpan<char> text, Span<char> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    // Go's fmtFrac: the fraction of v below 10^precision, without trailing zeros (and without
    // the '.' when nothing is left); v becomes the integer part.
    private static int WriteFraction(Span<char> buffer, ref ulong v, int precision)
    {
        int w = buffer.Length;
        bool print = false;
        for (int i = 0; i < precision; i++)
        {
            ulong digit = v % 10;
            print = print || digit != 0;
            if (print)
            {
                buffer[--w] = (char)('0' + (int)digit);
            }

            v /= 10;
        }

        if (print)
        {
            buffer[--w] = '.';
        }

        return w;
    }

    private static int WriteInteger(Span<char> buffer, ulong v)
    {
        int w = buffer.Length;
        do
        {
            buffer[--w] = (char)('0' + (int)(v % 10));
            v /= 10;
        }
        while (v > 0);
        return w;
    }

    /// <summary>
    /// Parses any text Go's <c>time.ParseDuration</c> accepts: a sign, then one or more decimal
    /// numbers each with a unit (<c>ns</c>, <c>us</c>, <c>µs</c>, <c>μs</c>, <c>ms</c>, <c>s</c>,
    /// <c>m</c>, <c>h</c>), such as <c>1h2m3.5s</c> or <c>-980.667µs</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a Go duration (a bare number is not, except <c>0</c>).</exception>
    public static GoDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value, out string? error)
            ? value
            : throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string text, out GoDuration value) => TryParse(text, out value, out _);

    private static bool TryParse(string text, out GoDuration value, out string? error)
    {
        // A port of Go's time.ParseDuration, including its overflow rules.
        value = default;
        error = null;
        string original = text;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        if (text.AsSpan(i) is "0")
        {
            return true;
        }

        if (i == text.Length)
        {
            error = $"\"{original}\" is not a Go duration.";
            return false;
        }

        ulong total = 0;
        while (i < text.Length)
        {
            if (!(text[i] == '.' || char.IsAsciiDigit(text[i])))
            {
                error = $"\"{original}\" is not a Go duration.";
                return false;
            }

            int start = i;
            ulong whole = 0;
            bool overflow = false;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (whole > (ulong.MaxValue - 9) / 10 || whole * 10 + (ulong)(text[i] - '0') > (1UL << 63))
                {
                    overflow = true;
                }

                whole = unchecked(whole * 10 + (ulong)(text[i] - '0'));
                i++;
            }

            if (overflow)
            {
                error = $"\"{original}\" is out of the range of a Go duration.";
                return false;
            }

            bool hadWhole = i != start;
            ulong fraction = 0;
            double scale = 1;
            bool hadFraction = false;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                int fracStart = i;
                bool fracOverflow = false;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    if (!fracOverflow)
                    {
                        if (fraction > ((1UL << 63) - 1) / 10)
                        {
                            fracOverflow = true;
                        }
                        else
                        {
                            fraction = fraction * 10 + (ulong)(text[i] - '0');
                            scale *= 10;
                        }
                    }

                    i++;
                }

                hadFraction = i != fracStart;
            }

            if (!hadWhole && !hadFraction)
            {
                error = $"\"{original}\" is not a Go duration.";
                return false;
            }

            int unitStart = i;
            while (i < text.Length && text[i] != '.' && !char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (unitStart == i)
            {
                error = $"\"{original}\" has a number without a unit; a Go duration needs one of ns, us, µs, ms, s, m, h (for example \"1.5s\").";
                return false;
            }

            ulong unit = text.AsSpan(unitStart, i - unitStart) switch
            {
                "ns" => 1UL,
                "us" or "µs" or "μs" => (ulong)Microsecond,
                "ms" => (ulong)Millisecond,
                "s" => (ulong)Second,
                "m" => (ulong)Minute,
                "h" => (ulong)Hour,
                _ => 0,
            };
            if (unit == 0)
            {
                error = $"\"{original}\" has the unknown unit \"{text[unitStart..i]}\"; use ns, us, µs, ms, s, m or h.";
                return false;
            }

            if (whole > (1UL << 63) / unit)
            {
                error = $"\"{original}\" is out of the range of a Go duration.";
                return false;
            }

            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > 1UL << 63)
                {
                    error = $"\"{original}\" is out of the range of a Go duration.";
                    return false;
                }
            }

            total += whole;
            if (total > 1UL << 63)
            {
                error = $"\"{original}\" is out of the range of a Go duration.";
                return false;
            }
        }

        if (negative)
        {
            value = new GoDuration(unchecked(-(long)total));
            return true;
        }

        if (total > long.MaxValue)
        {
            error = $"\"{original}\" is out of the range of a Go duration.";
            return false;
        }

        value = new GoDuration((long)total);
        return true;
    }
}
