using System.Globalization;
using System.Text;

namespace Cassette;

/// <summary>
/// Writes a JSON number so that equal values get equal text, exactly and at any size:
/// <c>1</c>, <c>1.0</c>, <c>10E-1</c> and <c>0.1e1</c> all become <c>1</c>.
/// </summary>
internal static class CanonicalNumber
{
    public static string Normalize(string number)
    {
        int i = 0;
        bool negative = false;
        if (i < number.Length && number[i] == '-')
        {
            negative = true;
            i++;
        }

        var digits = new StringBuilder(number.Length);
        int fractionDigits = 0;
        bool inFraction = false;
        for (; i < number.Length && number[i] != 'e' && number[i] != 'E'; i++)
        {
            if (number[i] == '.')
            {
                inFraction = true;
                continue;
            }

            digits.Append(number[i]);
            if (inFraction)
            {
                fractionDigits++;
            }
        }

        long exponent = 0;
        if (i < number.Length
            && !long.TryParse(number.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            // An exponent beyond 64 bits: no real payload has one, so compare it as written.
            return number;
        }

        exponent -= fractionDigits;
        string significand = digits.ToString().TrimStart('0');
        if (significand.Length == 0)
        {
            return "0";
        }

        int trailing = significand.Length - significand.TrimEnd('0').Length;
        significand = significand[..^trailing];
        exponent += trailing;

        // Written like JavaScript's Number.prototype.toString, without its precision limit.
        long point = significand.Length + exponent;
        string text;
        if (exponent >= 0 && point <= 21)
        {
            text = significand + new string('0', (int)exponent);
        }
        else if (exponent < 0 && point > 0)
        {
            text = significand[..(int)point] + "." + significand[(int)point..];
        }
        else if (exponent < 0 && point > -6)
        {
            text = "0." + new string('0', (int)-point) + significand;
        }
        else
        {
            string mantissa = significand.Length == 1 ? significand : significand[..1] + "." + significand[1..];
            long scientific = point - 1;
            text = mantissa + "e" + (scientific >= 0 ? "+" : "-") + Math.Abs(scientific).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + text : text;
    }
}
