namespace Cassette;

/// <summary>
/// Whether a <see cref="CassetteSession"/> replays, records, or both. Chosen in code through
/// <see cref="CassetteSessionOptions.Mode"/>, or for a whole test run through the
/// <c>CASSETTE_MODE</c> environment variable (<see cref="CassetteModeExtensions.FromEnvironment"/>).
/// </summary>
public enum CassetteMode
{
    /// <summary>
    /// <c>replay</c>, the default: answer every request from the cassette and never touch the
    /// network. A missing cassette is an error that says how to record it.
    /// </summary>
    Replay,

    /// <summary><c>record</c>: send every request to the network and write a new cassette, replacing the old one.</summary>
    Record,

    /// <summary><c>once</c>: replay when the cassette exists, otherwise record it.</summary>
    Once,

    /// <summary>
    /// <c>new-episodes</c>: replay the requests the cassette has, send the others to the network
    /// and add them to the cassette.
    /// </summary>
    NewEpisodes,

    /// <summary><c>passthrough</c>: send every request to the network and record nothing.</summary>
    Passthrough,
}
