namespace Cassette;

/// <summary>
/// Recorded interactions were never played: the code under test sent fewer requests than were
/// recorded. The message lists each unplayed interaction and says how to fix it.
/// </summary>
public sealed class CassetteUnplayedException : CassetteException
{
    internal CassetteUnplayedException(string message, IReadOnlyList<int> unplayedIds, string? cassettePath)
        : base(message)
    {
        UnplayedIds = unplayedIds;
        CassettePath = cassettePath;
    }

    /// <summary>The ids (positions in the cassette) of the interactions that were not played.</summary>
    public IReadOnlyList<int> UnplayedIds { get; }

    /// <summary>The path of the cassette file, or <see langword="null"/> when it was not loaded from a file.</summary>
    public string? CassettePath { get; }
}
