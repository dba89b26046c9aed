using System.Text;

namespace Cassette;

/// <summary>
/// Compares absolute URLs as values: scheme and host ignore case, a default port equals no
/// port, percent-escapes equal the characters they stand for, query parameters compare in any
/// order, and chosen parameters (such as an API key) can be left out.
/// </summary>
internal sealed class UrlMatcher : CanonicalMatcher
{
    private readonly HashSet<string> _ignoredParameters;
    private readonly string _description;

    public UrlMatcher(IEnumerable<string> ignoredParameters)
    {
        _ignoredParameters = new HashSet<string>(ignoredParameters, StringComparer.Ordinal);
        _description = _ignoredParameters.Count == 0
            ? "URL"
            : $"URL ignoring query parameters {string.Join(", ", _ignoredParameters.Order(StringComparer.Ordinal).Select(p => $"\"{p}\""))}";
    }

    /// <summary>This matcher with more query parameters left out; itself when it leaves them out already.</summary>
    public UrlMatcher Ignoring(IReadOnlyCollection<string> parameters) =>
        parameters.All(_ignoredParameters.Contains) ? this : new UrlMatcher(_ignoredParameters.Concat(parameters));

    public override string Canonicalize(RecordedRequest request) => Canonicalize(request.Url);

    public override string Canonicalize(LiveRequest request) => Canonicalize(request.Uri);

    public string Canonicalize(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Canonicalize(uri) : url;

    private string Canonicalize(Uri uri)
    {
        var text = new StringBuilder(uri.OriginalString.Length);
        text.Append(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort)
        {
            text.Append(':').Append(uri.Port);
        }

        AppendUnescaped(text, uri.AbsolutePath, keepEscaped: "/?#%");
        string query = uri.Query;
        if (query.Length > 1)
        {
            var parameters = new List<(string Name, string Value)>();
            foreach (string part in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=', StringComparison.Ordinal);
                string name = DecodeQueryPart(equals < 0 ? part : part[..equals]);
                if (!_ignoredParameters.Contains(name))
                {
                    parameters.Add((name, equals < 0 ? "" : DecodeQueryPart(part[(equals + 1)..])));
                }
            }

            // Order by name only (a stable sort), so repeated parameters keep their order.
            char separator = '?';
            foreach (var (name, value) in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                text.Append(separator);
                AppendEscaped(text, name);
                text.Append('=');
                AppendEscaped(text, value);
                separator = '&';
            }
        }

        return text.ToString();
    }

    public override string ToString() => _description;

    private static string DecodeQueryPart(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));

    private static void AppendEscaped(StringBuilder text, string value) => text.Append(Uri.EscapeDataString(value));

    private static void AppendUnescaped(StringBuilder text, string escaped, string keepEscaped)
    {
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length
                && char.IsAsciiHexDigit(escaped[i + 1]) && char.IsAsciiHexDigit(escaped[i + 2]))
            {
                char decoded = (char)Convert.ToInt32(escaped.Substring(i + 1, 2), 16);
                if (decoded < 0x80 && !keepEscaped.Contains(decoded, StringComparison.Ordinal))
                {
                    text.Append(decoded);
                    i += 2;
                    continue;
                }

                text.Append('%').Append(char.ToUpperInvariant(escaped[i + 1])).Append(char.ToUpperInvariant(escaped[i + 2]));
                i += 2;
                continue;
            }

            text.Append(escaped[i]);
        }
    }
}
