namespace Cassette;

/// <summary>
/// A replaying handler received a request that no unplayed recorded interaction matches. The
/// message names the request and the cassette, ranks the nearest recorded interactions with the
/// matcher parts each passed or failed, shows a diff of the nearest body, and says how to fix it.
/// </summary>
public sealed class CassetteMismatchException : CassetteException
{
    internal CassetteMismatchException(string message, RecordedRequest request, string? cassettePath)
        : base(message)
    {
        Request = request;
        CassettePath = cassettePath;
    }

    /// <summary>The request that found no match, as captured (body included).</summary>
    public RecordedRequest Request { get; }

    /// <summary>The path of the cassette file, or <see langword="null"/> when it was not loaded from a file.</summary>
    public string? CassettePath { get; }
}
