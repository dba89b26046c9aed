namespace Cassette;

/// <summary>
/// What <see cref="RecordingHandler"/> keeps of each exchange and how it measures it. The values
/// are read once, when a handler is created: changing the options afterwards does not affect it.
/// </summary>
/// <remarks>
/// Names and paths are kept in sets: add to them (<c>options.RedactedJsonPaths.Add("$.user")</c>).
/// Everything redacted is written as <see cref="Redacted"/>, which replay reads as "any value":
/// a cassette recorded with redactions replays with no matching options.
/// </remarks>
public sealed class RecordingOptions
{
    /// <summary>
    /// The value written in place of a redacted query parameter or JSON value. On replay, a
    /// recorded query parameter or JSON request value that is exactly this text matches any value.
    /// </summary>
    public const string Redacted = "REDACTED";

    /// <summary>
    /// The credential headers removed from every recorded request and response by default:
    /// <c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c>, <c>Set-Cookie</c>,
    /// <c>X-Api-Key</c>, <c>Api-Key</c>, <c>X-Goog-Api-Key</c>, <c>Ocp-Apim-Subscription-Key</c>,
    /// <c>X-Auth-Token</c>, <c>X-Amz-Security-Token</c> and <c>Anthropic-Api-Key</c>.
    /// </summary>
    public static IReadOnlyList<string> CredentialHeaders { get; } =
    [
        "Authorization",
        "Proxy-Authorization",
        "Cookie",
        "Set-Cookie",
        "X-Api-Key",
        "Api-Key",
        "X-Goog-Api-Key",
        "Ocp-Apim-Subscription-Key",
        "X-Auth-Token",
        "X-Amz-Security-Token",
        "Anthropic-Api-Key",
    ];

    internal static ReadOnlySpan<byte> RedactedUtf8 => "REDACTED"u8;

    /// <summary>Headers removed from recorded requests and responses; names ignore case.</summary>
    /// <value>Initially <see cref="CredentialHeaders"/>. Add names to remove more; taking a
    /// credential header out of this set writes that secret to disk.</value>
    public ISet<string> RemovedHeaders { get; } = new HashSet<string>(CredentialHeaders, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When not empty, the only headers recorded, in requests and responses alike; names ignore
    /// case. <see cref="RemovedHeaders"/> still applies on top.
    /// </summary>
    /// <value>Empty: every header not in <see cref="RemovedHeaders"/> is kept.</value>
    public ISet<string> KeptHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Query parameters whose values are replaced by <see cref="Redacted"/> in the recorded URL,
    /// form and <c>application/x-www-form-urlencoded</c> body; names are case-sensitive, as in URLs.
    /// </summary>
    /// <value>Empty. Add <c>key</c> for APIs that take their key in the query, such as Gemini's.</value>
    public ISet<string> RedactedQueryParameters { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// JSON paths of values replaced by <see cref="Redacted"/> before an interaction is recorded,
    /// such as <c>$.user</c>, <c>$.messages[0].content</c>, <c>$..encrypted_content</c> or
    /// <c>$.items[*].id</c>. They apply to JSON request and response bodies and to each
    /// <c>data:</c> line of a Server-Sent Events response; a body where no path matches keeps its
    /// exact bytes. A <c>#</c> step goes into a string that holds a JSON object or array, such as
    /// <c>$.messages[*].content#.CallId</c>: the value inside is redacted and the string is
    /// written again as compact JSON.
    /// </summary>
    /// <value>Empty.</value>
    public ISet<string> RedactedJsonPaths { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Runs on each interaction after the options above were applied and before it is added to
    /// the cassette; returns the interaction to record (changed or not), or <see langword="null"/>
    /// to leave it out.
    /// </summary>
    /// <value><see langword="null"/>: interactions are recorded as they are.</value>
    public Func<Interaction, Interaction?>? BeforeRecord { get; set; }

    /// <summary>
    /// Receives a sentence for each thing worth a look: an interaction that could not be recorded
    /// completely (its stream failed or was cancelled halfway; it is left out), a value that looks
    /// like a credential about to be saved, or a cassette left as it was after a failed run.
    /// </summary>
    /// <value><see langword="null"/>: warnings go to <see cref="System.Diagnostics.Trace"/>.</value>
    public Action<string>? OnWarning { get; set; }

    /// <summary>
    /// How long the recorder keeps reading a response that the client disposed before its end, so
    /// that the cassette holds the whole body; past it the interaction is left out with a warning.
    /// </summary>
    /// <value>30 seconds. <see cref="Timeout.InfiniteTimeSpan"/> waits for the end however long it takes.</value>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock that measures each response's <c>duration</c> and the <see cref="DrainTimeout"/>.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
