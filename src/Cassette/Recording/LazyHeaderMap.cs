using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;

namespace Cassette;

/// <summary>
/// A recorded header map (Go's canonical names, filtered by the recording settings) that is built
/// from the header lines it keeps the first time it is read: recording a request then costs no
/// more than keeping its lines, and the names are canonicalized when the cassette is saved or
/// looked at. Reading it from several threads is safe.
/// </summary>
internal sealed class LazyHeaderMap : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private readonly bool _response;
    private readonly RecordingSettings? _filter;
    private KeyValuePair<string, HeaderStringValues>[]? _lines;
    private KeyValuePair<string, HeaderStringValues>[]? _moreLines;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _map;

    /// <param name="lines">The message's header lines.</param>
    /// <param name="moreLines">Its content's header lines.</param>
    /// <param name="response">Whether the lines are a response's: each value is kept apart, and only Transfer-Encoding is left out; a request's values are joined per line and Host, Content-Length and Transfer-Encoding left out.</param>
    /// <param name="filter">The settings whose header filters apply, if any.</param>
    public LazyHeaderMap(
        KeyValuePair<string, HeaderStringValues>[] lines,
        KeyValuePair<string, HeaderStringValues>[] moreLines,
        bool response,
        RecordingSettings? filter)
    {
        _lines = lines;
        _moreLines = moreLines;
        _response = response;
        _filter = filter;
    }

    public int Count => Map.Count;

    public IEnumerable<string> Keys => Map.Keys;

    public IEnumerable<IReadOnlyList<string>> Values => Map.Values;

    public IReadOnlyList<string> this[string key] => Map[key];

    private IReadOnlyDictionary<string, IReadOnlyList<string>> Map
    {
        get
        {
            var map = Volatile.Read(ref _map);
            if (map is not null)
            {
                return map;
            }

            var lines = Volatile.Read(ref _lines);
            var moreLines = Volatile.Read(ref _moreLines);
            if (lines is null || moreLines is null)
            {
                // Another thread built it and let go of the lines.
                return Volatile.Read(ref _map)!;
            }

            // Two threads may both build it; they build the same map and the first one is kept.
            map = Interlocked.CompareExchange(ref _map, Build(lines, moreLines), null) ?? _map!;
            Volatile.Write(ref _lines, null);
            Volatile.Write(ref _moreLines, null);
            return map;
        }
    }

    /// <summary>The map with <paramref name="settings"/>' header filters applied, built when it is first read.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FilteredBy(RecordingSettings settings) =>
        ReferenceEquals(settings, _filter) ? this : settings.FilterHeaders(Map);

    /// <summary>The map itself, built now.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Built() => Map;

    public bool ContainsKey(string key) => Map.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<string> value) => Map.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => Map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IReadOnlyDictionary<string, IReadOnlyList<string>> Build(
        KeyValuePair<string, HeaderStringValues>[] lines,
        KeyValuePair<string, HeaderStringValues>[] moreLines)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(lines.Length + moreLines.Length, StringComparer.Ordinal);
        Add(map, lines);
        Add(map, moreLines);
        return map.Count == 0 ? HeaderMaps.Empty : map;
    }

    private void Add(Dictionary<string, IReadOnlyList<string>> into, KeyValuePair<string, HeaderStringValues>[] lines)
    {
        foreach (var line in lines)
        {
            string name = GoHttp.CanonicalHeaderName(line.Key);
            if (_filter?.KeepsHeader(name) == false)
            {
                continue;
            }

            if (_response)
            {
                // One value per received header line, as Go records them; Go moves the transfer
                // codings out of the header map.
                if (name == "Transfer-Encoding")
                {
                    continue;
                }

                var values = new string[line.Value.Count];
                int i = 0;
                foreach (string value in line.Value)
                {
                    values[i++] = value;
                }

                into[name] = into.TryGetValue(name, out var existing) ? [.. existing, .. values] : values;
            }
            else
            {
                // One value per header line, as the handler writes it on the wire (User-Agent's
                // products joined by spaces, other lists by commas). Go keeps Host, Content-Length
                // and Transfer-Encoding out of the header map.
                if (name is "Host" or "Content-Length" or "Transfer-Encoding")
                {
                    continue;
                }

                string value = line.Value.ToString();
                into[name] = into.TryGetValue(name, out var existing) ? [.. existing, value] : [value];
            }
        }
    }
}
