namespace Cassette;

/// <summary>
/// How a <see cref="CassetteSession"/> opens its cassette: the mode, what is recorded, how
/// requests are matched on replay, and which requests bypass the cassette. The values are read
/// once, by <see cref="CassetteSession.Open"/>.
/// </summary>
public sealed class CassetteSessionOptions
{
    /// <summary>The mode; <see langword="null"/> reads it from <c>CASSETTE_MODE</c>.</summary>
    /// <value><see langword="null"/>: the <c>CASSETTE_MODE</c> environment variable decides, and replay when it is unset.</value>
    public CassetteMode? Mode { get; set; }

    /// <summary>What is kept of each recorded exchange: credential headers are removed by default.</summary>
    /// <value>A new <see cref="RecordingOptions"/> with its defaults.</value>
    public RecordingOptions Recording { get; set; } = new();

    /// <summary>How requests are matched to recorded interactions, and how they are played.</summary>
    /// <value>A new <see cref="ReplayOptions"/> with its defaults: method, URL and body must match.</value>
    public ReplayOptions Replay { get; set; } = new();

    /// <summary>
    /// Hosts whose requests go to the network in every mode, replay included, and are never
    /// recorded, such as a token endpoint or a local service the test starts; names ignore case.
    /// </summary>
    /// <value>Empty.</value>
    public ISet<string> PassthroughHosts { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Decides which further requests go to the network in every mode and are never recorded, as
    /// <see cref="PassthroughHosts"/> does by host. Called from several threads at once.
    /// </summary>
    /// <value><see langword="null"/>: only the requests to <see cref="PassthroughHosts"/> pass through.</value>
    public Func<HttpRequestMessage, bool>? PassthroughWhen { get; set; }

    /// <summary>The layout a recorded cassette is written in; <see langword="null"/> keeps the layout of the file being replaced.</summary>
    /// <value><see langword="null"/>: the old file's layout when there is one, else <see cref="CassetteLayout.Compact4"/>.</value>
    public CassetteLayout? Layout { get; set; }
}
