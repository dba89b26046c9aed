namespace Cassette;

/// <summary>
/// How a <see cref="CassetteSession"/> opens its cassette: the mode, what is recorded, how
/// requests are matched on replay, and what is checked when the session ends. The values are
/// read once, by <see cref="CassetteSession.Open"/>.
/// </summary>
public sealed class CassetteSessionOptions
{
    /// <summary>The mode; <see langword="null"/> reads it from <c>CASSETTE_MODE</c>.</summary>
    /// <value><see langword="null"/>: the <c>CASSETTE_MODE</c> environment variable decides, and replay when it is unset
    /// (<see cref="CassetteModeExtensions.FromEnvironment"/>).</value>
    public CassetteMode? Mode { get; set; }

    /// <summary>What is kept of each recorded exchange: credential headers are dropped by default.</summary>
    /// <value>A new <see cref="RecordingOptions"/> with its defaults.</value>
    public RecordingOptions Recording { get; set; } = new();

    /// <summary>
    /// How requests are matched to recorded interactions. Query parameters in
    /// <see cref="RecordingOptions.RedactQueryParameters"/> and paths in
    /// <see cref="RecordingOptions.ReplaceBodyFields"/> are left out of matching on top of these,
    /// since the cassette no longer holds their real values.
    /// </summary>
    /// <value>A new <see cref="ReplayOptions"/> with its defaults: method, URL and JSON body must match.</value>
    public ReplayOptions Replay { get; set; } = new();

    /// <summary>
    /// Runs on each recorded interaction before it is offered for replay, and returns the
    /// interaction to match and answer with, for example with a fresh date header. The cassette
    /// file is not changed.
    /// </summary>
    /// <value><see langword="null"/>: interactions are replayed as recorded.</value>
    public Func<Interaction, Interaction>? BeforeReplay { get; set; }

    /// <summary>
    /// Whether disposing the session throws a <see cref="CassetteUnplayedException"/> when some
    /// recorded interactions were never replayed (replay, once and new-episodes modes).
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool FailOnUnplayedInteractions { get; set; }

    /// <summary>The layout a recorded cassette is written in; <see langword="null"/> keeps the layout of the file being replaced.</summary>
    /// <value><see langword="null"/>: the old file's layout when there is one, else <see cref="CassetteLayout.Compact4"/>.</value>
    public CassetteLayout? Layout { get; set; }
}
