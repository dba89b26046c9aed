namespace Cassette.Cli.Semantics;

/// <summary>
/// Header names and JSON property names whose values change on every recording (ids,
/// timestamps, request ids, rate limits) and so say nothing about what changed in meaning.
/// </summary>
/// <remarks>
/// A name matches a header case-insensitively and a JSON property (at any depth) exactly; a
/// trailing <c>*</c> matches any rest of the name. A name that starts with <c>$</c> is a JSON
/// path instead, for a value no property name alone can single out (one inside a JSON-encoded
/// string). <c>duration</c> stands for the interaction's recorded duration.
/// </remarks>
internal sealed class VolatileFields
{
    /// <summary>The names masked unless told otherwise.</summary>
    public static readonly IReadOnlyList<string> Defaults =
    [
        // Headers that differ per machine, per call or per account.
        "Authorization", "Api-Key", "X-Api-Key", "X-Goog-Api-Key", "Cookie", "Set-Cookie",
        "User-Agent", "X-Stainless-*", "Date", "Openai-Organization", "Openai-Project",
        "Openai-Processing-Ms", "X-Request-Id", "Request-Id", "Cf-Ray", "X-Ratelimit-*",
        "Anthropic-Ratelimit-*", "X-Envoy-Upstream-Service-Time", "X-Ms-Client-Request-Id",
        "Apim-Request-Id",
        // Azure OpenAI names the model instance that served the call (d089-20240815073451).
        "Azureml-Model-Session",
        // MCP's Streamable HTTP: the session id the server makes up, and the event id a client resumes from.
        "Mcp-Session-Id", "Last-Event-Id",
        // Body fields that are random or clock-based on every response.
        "id", "created", "created_at", "completed_at", "system_fingerprint", "obfuscation",
        "encrypted_content", "responseId", "providerResponseId", "generationId", "request_id",
        "providerRequestId", "item_id", "call_id", "tool_call_id", "tool_use_id",
        "signature", "thoughtSignature", "previous_response_id",
        // OllamaSharp's IChatClient makes up a CallId for each tool call and sends it back inside
        // the tool message's content, a JSON string: {"CallId":"4dbcdcec","Result":"40 C"}.
        "$.messages[*].content#.CallId",
        // Ollama's timings, in nanoseconds.
        "total_duration", "load_duration", "prompt_eval_duration", "eval_duration",
        "duration",
    ];

    private readonly string[] _exact;
    private readonly string[] _prefixes;

    /// <exception cref="ArgumentException">A name starts with <c>$</c> but is not a JSON path Cassette supports.</exception>
    public VolatileFields(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.Distinct(StringComparer.Ordinal).ToArray();
        _exact = [.. list.Where(n => !n.EndsWith('*') && !IsPath(n))];
        _prefixes = [.. list.Where(n => n.EndsWith('*') && !IsPath(n)).Select(n => n[..^1])];
        JsonPatterns =
        [
            .. _exact.Where(n => n.IndexOfAny(['.', '[', ']', '\'', '#']) < 0).Select(n => JsonPathPattern.Parse("$.." + n)),
            .. list.Where(IsPath).Select(ParsePath),
        ];
    }

    public static VolatileFields None { get; } = new([]);

    /// <summary>The masked JSON property names as the canonicalizer's any-depth patterns (<c>$..id</c>), and the masked JSON paths.</summary>
    public IReadOnlyList<JsonPathPattern> JsonPatterns { get; }

    /// <summary>The defaults plus <paramref name="added"/>, minus <paramref name="removed"/>.</summary>
    public static VolatileFields Create(IEnumerable<string> added, IEnumerable<string> removed)
    {
        var removedSet = new HashSet<string>(removed, StringComparer.OrdinalIgnoreCase);
        return new VolatileFields(Defaults.Concat(added).Where(n => !removedSet.Contains(n)));
    }

    private static bool IsPath(string name) => name.StartsWith('$');

    private static JsonPathPattern ParsePath(string name)
    {
        try
        {
            return JsonPathPattern.Parse(name);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"\"{name}\" starts with $ but is not a JSON path Cassette supports. Write a path like \"$.messages[*].content#.CallId\" or \"$..obfuscation\", or leave out the $ to name a header or a JSON field.",
                e);
        }
    }

    public bool IsVolatileHeader(string name) => Matches(name, StringComparison.OrdinalIgnoreCase);

    public bool IsDurationVolatile => _exact.Contains("duration", StringComparer.Ordinal);

    private bool Matches(string name, StringComparison comparison)
    {
        foreach (string exact in _exact)
        {
            if (string.Equals(exact, name, comparison))
            {
                return true;
            }
        }

        foreach (string prefix in _prefixes)
        {
            if (name.StartsWith(prefix, comparison))
            {
                return true;
            }
        }

        return false;
    }
}
