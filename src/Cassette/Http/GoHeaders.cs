using System.Net.Http.Headers;

namespace Cassette;

/// <summary>Builds a recorded header map from a message's header lines, as Go's net/http holds them.</summary>
internal static class GoHeaders
{
    /// <summary>
    /// The header map go-vcr records: Go's canonical names, with the headers the settings remove
    /// left out. A response keeps one value per received value and leaves out Transfer-Encoding; a
    /// request keeps one value per header line (as the handler writes it on the wire: User-Agent's
    /// products joined by spaces, other lists by commas) and leaves out Host, Content-Length and
    /// Transfer-Encoding, which Go keeps apart.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Build(
        KeyValuePair<string, HeaderStringValues>[] lines,
        KeyValuePair<string, HeaderStringValues>[] contentLines,
        bool response,
        RecordingSettings? settings)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Concat(contentLines))
        {
            string name = GoHttp.CanonicalHeaderName(line.Key);
            if (settings?.KeepsHeader(name) == false
                || name == "Transfer-Encoding"
                || (!response && name is "Host" or "Content-Length"))
            {
                continue;
            }

            IEnumerable<string> values = response ? line.Value : [line.Value.ToString()];
            map[name] = map.TryGetValue(name, out var existing) ? [.. existing, .. values] : [.. values];
        }

        return map.Count == 0 ? HeaderMaps.Empty : map;
    }

    /// <summary>The header lines as they are now; later changes to the headers do not reach the copy.</summary>
    public static KeyValuePair<string, HeaderStringValues>[] Snapshot(HttpHeaders headers)
    {
        var nonValidated = headers.NonValidated;
        if (nonValidated.Count == 0)
        {
            return [];
        }

        // Sized once and filled in a loop: the response's head is on the way to the client's first
        // event (see PendingInteraction.Answered).
        var lines = new KeyValuePair<string, HeaderStringValues>[nonValidated.Count];
        int i = 0;
        foreach (var line in nonValidated)
        {
            lines[i++] = line;
        }

        return i == lines.Length ? lines : lines[..i];
    }
}
