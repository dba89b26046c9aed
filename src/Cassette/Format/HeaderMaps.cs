using System.Collections.Frozen;

namespace Cassette;

/// <summary>Shared values for the header, trailer and form maps of the model.</summary>
internal static class HeaderMaps
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty =
        FrozenDictionary<string, IReadOnlyList<string>>.Empty;
}
