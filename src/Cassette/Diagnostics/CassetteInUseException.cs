namespace Cassette;

/// <summary>
/// A cassette file is already being recorded by another <see cref="CassetteSession"/>, in this
/// process or another one. Two recorders saving one file would each overwrite the other's
/// interactions, so the second one is refused.
/// </summary>
public sealed class CassetteInUseException : CassetteException
{
    internal CassetteInUseException(string cassettePath, Exception? innerException = null)
        : base(
            $"The cassette \"{cassettePath}\" is already being recorded by another session, in this process or another one. " +
            "Two recorders saving one file would overwrite each other's interactions. Give each test its own cassette file, " +
            "or dispose the first session before opening the next.",
            innerException)
    {
        CassettePath = cassettePath;
    }

    /// <summary>The full path of the cassette file.</summary>
    public string CassettePath { get; }
}
