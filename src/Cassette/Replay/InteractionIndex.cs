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
    private readonly Dictionary<byte[], Bucket> _buckets = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Bucket>.AlternateLookup<ReadOnlySpan<byte>> _bucketsBySpan;

    // Recorded body bytes to their canonical text, and recorded URL texts to theirs: a request
    // sent with a recording's very bytes or URL skips canonicalizing them.
    private readonly Dictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _canonicalBodies;
    private readonly Dictionary<string, string> _canonicalUrls = new(StringComparer.Ordinal);
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
        _bucketsBySpan = _buckets.GetAlternateLookup<ReadOnlySpan<byte>>();
        _canonicalBodies = new Dictionary<byte[], byte[]>(ByteKeyComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

        var groups = new Dictionary<byte[], List<int>>(ByteKeyComparer.Instance);
        for (int i = 0; i < interactions.Count; i++)
        {
            var request = interactions[i].Request;
            string[] parts = _recordedParts[i] = Canonicalize(request);
            for (int m = 0; m < parts.Length; m++)
            {
                if (builtIn[m] is BodyMatcher)
                {
                    _canonicalBodies.Dictionary.TryAdd(request.Body.ToArray(), Encoding.UTF8.GetBytes(parts[m]));
                }
                else if (builtIn[m] is UrlMatcher && KeepsItsText(request.Url))
                {
                    _canonicalUrls.TryAdd(request.Url, parts[m]);
                }
            }

            byte[] key = Key(parts);
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
    public int Claim(LiveRequest request)
    {
        // The key is written as Key(Canonicalize(request.Recorded)) would write it, part by part,
        // without capturing the request or making the canonical texts as strings.
        var key = CanonicalJsonWriter.Rent();
        try
        {
            for (int m = 0; m < BuiltIn.Count; m++)
            {
                int lengthAt = key.Length;
                key.Append([0, 0, 0, 0]);
                int start = key.Length;
                switch (BuiltIn[m])
                {
                    case MethodMatcher:
                        key.AppendUtf8(MethodMatcher.Canonicalize(request.Method));
                        break;
                    case UrlMatcher url:
                        key.AppendUtf8(CanonicalUrl(url, request.Uri));
                        break;
                    case BodyMatcher body:
                        if (_canonicalBodies.TryGetValue(request.Body.Span, out byte[]? canonical))
                        {
                            key.Append(canonical);
                        }
                        else
                        {
                            body.AppendCanonical(request.Body.Span, key);
                        }

                        break;
                    case var other:
                        key.AppendUtf8(other.Canonicalize(request.Recorded));
                        break;
                }

                key.WriteInt32At(lengthAt, key.Length - start);
            }

            return _bucketsBySpan.TryGetValue(key.Written, out var bucket) ? Claim(bucket, request) : -1;
        }
        finally
        {
            CanonicalJsonWriter.Return(key);
        }
    }

    private string CanonicalUrl(UrlMatcher matcher, Uri uri)
    {
        // A URI keeps a text that is already in its normal form as its AbsoluteUri, so the text
        // it was made from finds the canonical URL without building AbsoluteUri again.
        return _canonicalUrls.TryGetValue(uri.OriginalString, out string? canonical) ? canonical : matcher.Canonicalize(uri.AbsoluteUri);
    }

    private static bool KeepsItsText(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsoluteUri == url;

    private int Claim(Bucket bucket, LiveRequest request)
    {
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

    private bool PassesCustom(LiveRequest request, int index) => Custom.Count == 0 || PassesCustom(request.Recorded, index);

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

    /// <summary>Each part's UTF-8 bytes after its length, so no part's text can imitate a boundary between parts.</summary>
    private static byte[] Key(string[] parts)
    {
        var key = CanonicalJsonWriter.Rent();
        foreach (string part in parts)
        {
            int lengthAt = key.Length;
            key.Append([0, 0, 0, 0]);
            key.AppendUtf8(part);
            key.WriteInt32At(lengthAt, key.Length - lengthAt - 4);
        }

        byte[] bytes = key.Written.ToArray();
        CanonicalJsonWriter.Return(key);
        return bytes;
    }

    private sealed class Bucket(int[] members)
    {
        public readonly int[] Members = members;

        // Members before this position have all been played.
        public int FirstMaybeUnplayed;
    }
}
