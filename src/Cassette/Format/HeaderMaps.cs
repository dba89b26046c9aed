using System.Collections.Frozen;

namespace Cassette;

/// <summary>Shared values and value equality for the header, trailer and form maps of the model.</summary>
internal static class HeaderMaps
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty =
        FrozenDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary>Whether two maps hold the same names (ordinal), each with the same values in the same order.</summary>
    public static bool Equal(IReadOnlyDictionary<string, IReadOnlyList<string>> a, IReadOnlyDictionary<string, IReadOnlyList<string>> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (name, values) in a)
        {
            if (!b.TryGetValue(name, out var others) || !values.SequenceEqual(others, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
