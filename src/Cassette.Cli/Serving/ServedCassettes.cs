namespace Cassette.Cli.Serving;

/// <summary>
/// The cassettes a server replays, merged into one: every recorded URL keeps its path and query
/// and gets the server's stand-in origin, so a client pointed at the server matches them.
/// </summary>
internal static class ServedCassettes
{
    /// <summary>The origin requests are rewritten to before matching; never contacted.</summary>
    public static readonly Uri Origin = new("http://cassette.invalid");

    public static CassetteFile Merge(IEnumerable<CassetteFile> cassettes)
    {
        var merged = new CassetteFile();
        foreach (var cassette in cassettes)
        {
            foreach (var interaction in cassette.Interactions)
            {
                merged.Add(interaction with
                {
                    Request = interaction.Request with { Url = Origin.GetLeftPart(UriPartial.Authority) + PathAndQuery(interaction.Request.Url) },
                });
            }
        }

        return merged;
    }

    /// <summary>The recorded URL from its path on, exactly as recorded (no re-escaping).</summary>
    public static string PathAndQuery(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url.StartsWith('/') ? url : "/" + url;
        }

        int path = url.IndexOfAny(['/', '?', '#'], scheme + 3);
        string rest = path < 0 ? "/" : url[path..];
        return rest.StartsWith('/') ? rest : "/" + rest;
    }
}
