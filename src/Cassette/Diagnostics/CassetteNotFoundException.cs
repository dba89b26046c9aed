namespace Cassette;

/// <summary>
/// A cassette to replay does not exist. The message says how to record it.
/// </summary>
public sealed class CassetteNotFoundException : CassetteException
{
    internal CassetteNotFoundException(string path, CassetteMode mode)
        : base(
            $"The cassette \"{path}\" does not exist, and the mode is {mode.ToModeName()}, which never touches the network. " +
            $"Record it: run the test once with {CassetteModeExtensions.EnvironmentVariable}=record (or once) where the real API is reachable, then commit the file.")
    {
        CassettePath = path;
    }

    /// <summary>The full path of the missing cassette.</summary>
    public string CassettePath { get; }
}
