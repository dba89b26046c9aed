using System.Text;

namespace Cassette;

/// <summary>
/// Finds the interaction to play for a request. Recorded requests are reduced to the canonical
/// texts of the built-in matchers once, and grouped by those texts in a dictionary, so a lookup
/// costs the same for ten interactions as for ten thousand. Safe to use from several threads.
/// </summary>
internal sealed class InteractionIndex
{
    private readonly IReadOnlyList<Interaction> _interactions;
    private readonly string[][] _recordedParts;
    private readonly string[] _recordedKeys;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Method, string Url, int BodyHash), int> _exact = [];
    private readonly int _firstHeaderPart;
    private readonly int[] _played;

    public InteractionIndex(
        IReadOnlyList<Interaction> interactions,
        IReadOnlyList<CanonicalMatcher> builtIn,
        IReadOnlyList<IRequestMatcher> custom,
        bool allowRepeats)
    {
        _interactions = interactions;
        BuiltIn = builtIn;
        Custom = custom;
        AllowRepeats = allowRepeats;
        _played = new int[interactions.Count];
        _recordedParts = new string[interactions.Count][];
        _recordedKeys = new string[interactions.Count];
        _firstHeaderPart = builtIn.TakeWhile(m => m is not HeaderMatcher).Count();

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < interactions.Count; i++)
        {
            var request = interactions[i].Request;
            _recordedParts[i] = Canonicalize(request);
            string key = _recordedKeys[i] = Key(_recordedParts[i]);
            _exact.TryAdd((request.Method, request.Url, Hash(request.Body.Span)), i);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
            }

            group.Add(i);
        }

        foreach (var (key, group) in groups)
        {
            _buckets[key] = new Bucket([.. group]);
        }
    }

    public IReadOnlyList<CanonicalMatcher> BuiltIn { get; }

    public IReadOnlyList<IRequestMatcher> Custom { get; }

    public bool AllowRepeats { get; }

    public IReadOnlyList<Interaction> Interactions => _interactions;

    public string[] Canonicalize(RecordedRequest request)
    {
        string[] parts = new string[BuiltIn.Count];
        for (int m = 0; m < parts.Length; m++)
        {
            parts[m] = BuiltIn[m].Canonicalize(request);
        }

        return parts;
    }

    public IReadOnlyList<string> RecordedParts(int index) => _recordedParts[index];

    public bool IsPlayed(int index) => Volatile.Read(ref _played[index]) != 0;

    /// <summary>
    /// Marks and returns the interaction to play: the first unplayed match in file order, or with
    /// repeats allowed the first match; -1 when there is none.
    /// </summary>
    public int Claim(RecordedRequest request) => Claim(request, KeyOf(request));

    /// <summary>
    /// The request's index key. A request sent with the very method, URL text and body bytes of a
    /// recorded one has that one's canonical method, URL and body, so those are not computed again.
    /// </summary>
    private string KeyOf(RecordedRequest request)
    {
        if (_exact.TryGetValue((request.Method, request.Url, Hash(request.Body.Span)), out int twin)
            && _interactions[twin].Request.Body.Span.SequenceEqual(request.Body.Span))
        {
            if (_firstHeaderPart == BuiltIn.Count)
            {
                return _recordedKeys[twin];
            }

            string[] parts = (string[])_recordedParts[twin].Clone();
            for (int m = _firstHeaderPart; m < parts.Length; m++)
            {
                parts[m] = BuiltIn[m].Canonicalize(request);
            }

            return Key(parts);
        }

        return Key(Canonicalize(request));
    }

    private int Claim(RecordedRequest request, string key)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            return -1;
        }

        int[] members = bucket.Members;
        int hint = Volatile.Read(ref bucket.FirstMaybeUnplayed);
        bool allPlayedBefore = true;
        for (int k = hint; k < members.Length; k++)
        {
            int index = members[k];
            if (Volatile.Read(ref _played[index]) != 0)
            {
                if (allPlayedBefore)
                {
                    hint = k + 1;
                }

                continue;
            }

            allPlayedBefore = false;
            if (PassesCustom(request, index) && Interlocked.CompareExchange(ref _played[index], 1, 0) == 0)
            {
                // Every member before the hint has been played, and played stays played, so a
                // racing writer can only leave a smaller hint: slower, never wrong.
                if (hint > Volatile.Read(ref bucket.FirstMaybeUnplayed))
                {
                    Volatile.Write(ref bucket.FirstMaybeUnplayed, hint);
                }

                return index;
            }
        }

        if (AllowRepeats)
        {
            foreach (int index in members)
            {
                if (PassesCustom(request, index))
                {
                    return index;
                }
            }
        }

        return -1;
    }

    /// <summary>The played interactions the request matches, in file order.</summary>
    public IEnumerable<int> PlayedMatches(RecordedRequest request, string[] requestParts)
    {
        if (!_buckets.TryGetValue(Key(requestParts), out var bucket))
        {
            yield break;
        }

        foreach (int index in bucket.Members)
        {
            if (IsPlayed(index) && PassesCustom(request, index))
            {
                yield return index;
            }
        }
    }

    public IReadOnlyList<int> Unplayed()
    {
        var unplayed = new List<int>();
        for (int i = 0; i < _played.Length; i++)
        {
            if (!IsPlayed(i))
            {
                unplayed.Add(i);
            }
        }

        return unplayed;
    }

    private bool PassesCustom(RecordedRequest request, int index)
    {
        foreach (var matcher in Custom)
        {
            if (!matcher.Matches(request, _interactions[index].Request))
            {
                return false;
            }
        }

        return true;
    }

    private static int Hash(ReadOnlySpan<byte> body)
    {
        var hash = default(HashCode);
        hash.AddBytes(body);
        return hash.ToHashCode();
    }

    private static string Key(string[] parts)
    {
        // Length-prefixed, so no part's text can imitate a boundary between parts.
        var key = new StringBuilder(parts.Sum(p => p.Length + 8));
        foreach (string part in parts)
        {
            key.Append(part.Length).Append(':').Append(part);
        }

        return key.ToString();
    }

    private sealed class Bucket(int[] members)
    {
        public readonly int[] Members = members;

        // Members before this position have all been played.
        public int FirstMaybeUnplayed;
    }
}
