using System.Text;

namespace Cassette;

/// <summary>The parts of Go's net/http and net/url behaviour that decide what go-vcr records.</summary>
internal static class GoHttp
{
    /// <summary>
    /// Go's <c>textproto.CanonicalMIMEHeaderKey</c>: the first letter and every letter after a
    /// hyphen upper case, the others lower case; a name with a byte that is not a token
    /// character is returned unchanged.
    /// </summary>
    public static string CanonicalHeaderName(string name)
    {
        bool upper = true;
        bool changes = false;
        foreach (char c in name)
        {
            if (!IsTokenChar(c))
            {
                return name;
            }

            if ((upper && char.IsAsciiLetterLower(c)) || (!upper && char.IsAsciiLetterUpper(c)))
            {
                changes = true;
            }

            upper = c == '-';
        }

        if (!changes)
        {
            return name;
        }

        var sb = new StringBuilder(name.Length);
        upper = true;
        foreach (char c in name)
        {
            sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = c == '-';
        }

        return sb.ToString();
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    /// <summary>
    /// Go's <c>url.ParseQuery</c>: pairs split on <c>&amp;</c>, unescaped with <c>+</c> as a space;
    /// a pair with a <c>;</c> or a bad escape is skipped, as Go does.
    /// </summary>
    public static void ParseQuery(string query, Dictionary<string, List<string>> into)
    {
        foreach (string pair in query.Split('&'))
        {
            if (pair.Length == 0 || pair.Contains(';', StringComparison.Ordinal))
            {
                continue;
            }

            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string rawKey = equals < 0 ? pair : pair[..equals];
            string rawValue = equals < 0 ? "" : pair[(equals + 1)..];
            if (!TryQueryUnescape(rawKey, out string? key) || !TryQueryUnescape(rawValue, out string? value))
            {
                continue;
            }

            if (!into.TryGetValue(key, out var values))
            {
                into[key] = values = [];
            }

            values.Add(value);
        }
    }

    private static bool TryQueryUnescape(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? result)
    {
        if (!text.Contains('%', StringComparison.Ordinal) && !text.Contains('+', StringComparison.Ordinal))
        {
            result = text;
            return true;
        }

        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    result = null;
                    return false;
                }

                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                int length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
                i += length - 1;
            }
        }

        // Go keeps invalid UTF-8 as it is; the cassette writer stores such text as !!binary.
        result = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }

    /// <summary>
    /// What Go's <c>http.Response.ContentLength</c> holds for a response, from the length its
    /// header declared (<see langword="null"/> when it declared none) and whether it came chunked.
    /// </summary>
    /// <remarks>
    /// HTTP/1 follows <c>readTransfer</c> and <c>fixLength</c> in net/http's transfer.go: a reply
    /// to <c>HEAD</c> keeps the declared length, -1 without one; 1xx, 204 and 304 are 0 whatever
    /// they declare; otherwise chunked is -1, then the declared length, then -1. HTTP/2 follows
    /// the HTTP/2 transport's <c>handleResponse</c>, which knows no status rule: the declared
    /// length; without one -1 for <c>HEAD</c>, and 0 when the headers end the stream, which they
    /// do for 204 and 304 since no body may follow.
    /// </remarks>
    public static long ResponseContentLength(string method, int status, Version version, long? declared, bool chunked)
    {
        bool head = method == "HEAD";
        bool bodiless = status is >= 100 and <= 199 or 204 or 304;
        if (version.Major >= 2)
        {
            return declared ?? (bodiless && !head ? 0 : -1);
        }

        if (head)
        {
            return chunked ? -1 : declared ?? -1;
        }

        return bodiless ? 0 : chunked ? -1 : declared ?? -1;
    }

    /// <summary>Whether Go's transport reads no body for the response, and so never decompresses one.</summary>
    public static bool ResponseHasNoBody(string method, long contentLength) => method == "HEAD" || contentLength == 0;

    /// <summary><c>HTTP/1.1</c> style protocol text for a version.</summary>
    public static string Proto(Version version) =>
        version == System.Net.HttpVersion.Version11 ? "HTTP/1.1"
        : version == System.Net.HttpVersion.Version20 ? "HTTP/2.0"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"HTTP/{version.Major}.{Math.Max(version.Minor, 0)}");
}
