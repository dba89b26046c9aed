using System.Text;

namespace Cassette;

/// <summary>
/// Finds the interaction to play for a request. Recorded requests are reduced to the canonical
/// texts of the built-in matchers once, and grouped by those texts in a dictionary, so a lookup
/// costs the same for ten interactions as for ten thousand. Safe to use from several threads.
/// </summary>
internal sealed class InteractionIndex
{
    private readonly string[][] _recordedParts;
    private readonly Dictionary<string, int[]> _buckets;
    private readonly int[] _played;

    // Recorded bodies to their canonical text: a client that sends the very bytes it recorded
    // (the same SDK, the same version) is matched without canonicalizing its body.
    private readonly Dictionary<byte[], string> _canonicalBodies = new(ByteArrayComparer.Instance);

    public InteractionIndex(
        IReadOnlyList<Interaction> interactions,
        IReadOnlyList<CanonicalMatcher> builtIn,
        IReadOnlyList<IRequestMatcher> custom,
        bool allowRepeats)
    {
        Interactions = interactions;
        BuiltIn = builtIn;
        Custom = custom;
        AllowRepeats = allowRepeats;
        _played = new int[interactions.Count];
        _recordedParts = [.. interactions.Select(i => Canonicalize(i.Request))];
        int body = builtIn.ToList().FindIndex(m => m is BodyMatcher);
        for (int i = 0; i < interactions.Count && body >= 0; i++)
        {
            _canonicalBodies.TryAdd(interactions[i].Request.Body.ToArray(), _recordedParts[i][body]);
        }

        _buckets = Enumerable.Range(0, interactions.Count)
            .GroupBy(i => Key(_recordedParts[i]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<CanonicalMatcher> BuiltIn { get; }

    public IReadOnlyList<IRequestMatcher> Custom { get; }

    public bool AllowRepeats { get; }

    public IReadOnlyList<Interaction> Interactions { get; }

    public string[] Canonicalize(RecordedRequest request) => [.. BuiltIn.Select(m => m.Canonicalize(request))];

    public IReadOnlyList<string> RecordedParts(int index) => _recordedParts[index];

    public bool IsPlayed(int index) => Volatile.Read(ref _played[index]) != 0;

    /// <summary>
    /// Marks and returns the interaction to play: the first unplayed match in file order, or with
    /// repeats allowed the first match; -1 when there is none.
    /// </summary>
    public int Claim(LiveRequest request)
    {
        string[] parts = [.. BuiltIn.Select(m => m is BodyMatcher && _canonicalBodies.TryGetValue(request.Body, out string? known) ? known : m.Canonicalize(request))];
        if (!_buckets.TryGetValue(Key(parts), out int[]? members))
        {
            return -1;
        }

        foreach (int index in members)
        {
            // Two requests may race for the same interaction: only one marks it played.
            if (!IsPlayed(index) && PassesCustom(request, index) && Interlocked.CompareExchange(ref _played[index], 1, 0) == 0)
            {
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
    public IEnumerable<int> PlayedMatches(RecordedRequest request, string[] requestParts) =>
        _buckets.TryGetValue(Key(requestParts), out int[]? members)
            ? members.Where(index => IsPlayed(index) && PassesCustom(request, index))
            : [];

    public IReadOnlyList<int> Unplayed() => [.. Enumerable.Range(0, _played.Length).Where(i => !IsPlayed(i))];

    private bool PassesCustom(LiveRequest request, int index) => Custom.Count == 0 || PassesCustom(request.Recorded, index);

    private bool PassesCustom(RecordedRequest request, int index) => Custom.All(m => m.Matches(request, Interactions[index].Request));

    /// <summary>Each part after its length, so no part's text can imitate a boundary between parts.</summary>
    private static string Key(string[] parts)
    {
        var key = new StringBuilder();
        foreach (string part in parts)
        {
            key.Append(part.Length).Append(':').Append(part);
        }

        return key.ToString();
    }
}
