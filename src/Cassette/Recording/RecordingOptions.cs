using System.Text.Json.Nodes;

namespace Cassette;

/// <summary>
/// What <see cref="RecordingHandler"/> keeps of each exchange and how it measures it. The values
/// are read once, when a handler is created: changing the options afterwards does not affect it.
/// </summary>
public sealed class RecordingOptions
{
    /// <summary>The value written in place of a redacted query parameter or body field.</summary>
    public const string Redacted = "REDACTED";

    /// <summary>
    /// The credential headers dropped from every recorded request and response by default:
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

    /// <summary>
    /// Headers dropped from recorded requests and responses, compared case-insensitively.
    /// </summary>
    /// <value>Initially <see cref="CredentialHeaders"/>. Add names to drop more; removing a
    /// credential header from this set writes that secret to disk.</value>
    public ISet<string> RemoveHeaders { get; } = new HashSet<string>(CredentialHeaders, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When not <see langword="null"/>, the only headers recorded (request and response alike),
    /// compared case-insensitively; <see cref="RemoveHeaders"/> still applies on top.
    /// </summary>
    /// <value><see langword="null"/>: every header not in <see cref="RemoveHeaders"/> is kept.
    /// The seed cassettes were recorded with <c>Accept</c>, <c>Content-Type</c> and <c>User-Agent</c>.</value>
    public ISet<string>? KeepOnlyHeaders { get; set; }

    /// <summary>
    /// Query parameters whose values are replaced by <see cref="Redacted"/> in the recorded URL
    /// and form, compared case-sensitively as URLs are.
    /// </summary>
    /// <value>Empty. Add <c>key</c> for APIs that take their key in the query, such as Gemini's.</value>
    public ISet<string> RedactQueryParameters { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// JSON body fields to overwrite before an interaction is recorded: a JSON path (<c>$.user</c>,
    /// <c>$.messages[0].content</c>, <c>$..encrypted_content</c>, <c>$.items[*].id</c>) to the
    /// value written in its place. Applies to JSON request and response bodies and to each
    /// <c>data:</c> line of a Server-Sent Events response; a body where no path matches keeps its
    /// exact bytes.
    /// </summary>
    /// <value>Empty.</value>
    public IDictionary<string, JsonNode?> ReplaceBodyFields { get; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    /// <summary>
    /// Runs on each interaction after the options above were applied and before it is added to
    /// the cassette; returns the interaction to record (changed or not), or <see langword="null"/>
    /// to leave it out.
    /// </summary>
    /// <value><see langword="null"/>: interactions are recorded as they are.</value>
    public Func<Interaction, Interaction?>? BeforeRecord { get; set; }

    /// <summary>
    /// Receives a sentence for each interaction that could not be recorded completely, such as a
    /// response whose stream failed or was cancelled halfway; the interaction is left out.
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
