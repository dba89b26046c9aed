using System.Text;
using System.Text.RegularExpressions;

namespace Cassette;

/// <summary>
/// Finds credentials in an interaction: credential headers with a real value, and bearer tokens
/// and provider key patterns (<c>sk-…</c>, <c>AIza…</c>, <c>xai-…</c>, …) and key query
/// parameters (<c>?key=</c>, <c>&amp;api_key=</c>, …) in any header, the URL, form values and the bodies.
/// </summary>
internal static partial class SecretScanner
{
    public static IEnumerable<SecretFinding> Scan(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        foreach (var finding in ScanHeaders("request", interaction.Request.Headers))
        {
            yield return finding;
        }

        foreach (var finding in ScanText("the URL", interaction.Request.Url, "url:"))
        {
            yield return finding;
        }

        foreach (var (name, values) in interaction.Request.Form)
        {
            foreach (string value in values)
            {
                foreach (var finding in ScanText($"form value \"{name}\"", value, name + ":"))
                {
                    yield return finding;
                }
            }
        }

        foreach (var finding in ScanText("the request body", Decode(interaction.Request.Body), "body:"))
        {
            yield return finding;
        }

        foreach (var finding in ScanHeaders("response", interaction.Response.Headers))
        {
            yield return finding;
        }

        foreach (var finding in ScanText("the response body", Decode(interaction.Response.Body), "body:"))
        {
            yield return finding;
        }
    }

    private static IEnumerable<SecretFinding> ScanHeaders(string side, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        foreach (var (name, values) in headers)
        {
            // The headers recording drops; one that is here with a real value was written another way.
            bool credential = RecordingOptions.CredentialHeaders.Contains(name, StringComparer.OrdinalIgnoreCase);
            foreach (string value in values)
            {
                if (credential && !IsPlaceholder(value))
                {
                    yield return new SecretFinding($"{side} header \"{name}\"", name + ":", Shorten(value));
                }
                else if (!credential)
                {
                    foreach (var finding in ScanText($"{side} header \"{name}\"", value, name + ":"))
                    {
                        yield return finding;
                    }
                }
            }
        }
    }

    private static IEnumerable<SecretFinding> ScanText(string where, string text, string fallback)
    {
        foreach (Match match in KeyPattern().Matches(text))
        {
            string token = match.Groups["token"].Value;
            if (!IsPlaceholder(token))
            {
                // The token itself is the best text to find its line by; it needs no escaping in YAML.
                yield return new SecretFinding(where, token.Length >= 8 ? token : fallback, Shorten(token));
            }
        }
    }

    private static bool IsPlaceholder(string value)
    {
        string v = value.Trim();
        if (v.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            v = v[7..].Trim();
        }

        // A redacted key often keeps its provider's prefix ("AKIAXXXXXXXXXXXXXXXX", "sk-proj-xxxx"):
        // what follows the prefix decides.
        v = KeyPrefix().Replace(v, "", 1);
        return v.Length == 0
            || v.Contains("redacted", StringComparison.OrdinalIgnoreCase)
            || v.Contains("filtered", StringComparison.OrdinalIgnoreCase)
            || v.All(c => c is '*' or 'x' or 'X' or '.' or '-' or '_' or '<' or '>');
    }

    private static string Shorten(string secret) => secret.Length <= 8 ? "…" : secret[..Math.Min(secret.Length, secret.StartsWith("Bearer ", StringComparison.Ordinal) ? 11 : 4)] + "…";

    private static string Decode(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);

    [GeneratedRegex(
        """
            (?<![A-Za-z0-9_-])(?:
                Bearer\s+(?<token>[A-Za-z0-9._~+/=-]{16,})
              | (?<token>sk-[A-Za-z0-9_-]{20,})
              | (?<token>AIza[0-9A-Za-z_-]{35})
              | (?<token>xai-[A-Za-z0-9]{20,})
              | (?<token>gsk_[A-Za-z0-9]{20,})
              | (?<token>AKIA[0-9A-Z]{16})(?![0-9A-Z])
            )
          | [?&](?:key|api[_-]?key|apikey|access_token|token|sig)=(?<token>[^&\#\s"']{8,})
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex KeyPattern();

    // The prefixes KeyPattern knows, with sk-'s lower-case segments (sk-proj-, sk-ant-api03-, sk-or-v1-).
    [GeneratedRegex("^(?:sk-(?:[a-z0-9]+-)*|AIza|xai-|gsk_|AKIA)", RegexOptions.ExplicitCapture)]
    private static partial Regex KeyPrefix();
}
