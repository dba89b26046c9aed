using System.Collections.Frozen;
using System.Text;

namespace Cassette;

/// <summary>A snapshot of <see cref="RecordingOptions"/>, taken when a handler is created.</summary>
internal sealed class RecordingSettings
{
    private readonly FrozenSet<string> _removedHeaders;
    private readonly FrozenSet<string>? _keptHeaders;
    private readonly FrozenSet<string> _redactedQuery;
    private readonly JsonRedactor _jsonRedactor;
    private readonly Func<Interaction, Interaction?>? _beforeRecord;
    private readonly Action<string>? _onWarning;

    public RecordingSettings(RecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _removedHeaders = options.RemovedHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _keptHeaders = options.KeptHeaders.Count == 0 ? null : options.KeptHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _redactedQuery = options.RedactedQueryParameters.ToFrozenSet(StringComparer.Ordinal);
        _jsonRedactor = new JsonRedactor(options.RedactedJsonPaths);
        _beforeRecord = options.BeforeRecord;
        _onWarning = options.OnWarning;
        TimeProvider = options.TimeProvider ?? throw new ArgumentException("RecordingOptions.TimeProvider is null. Leave it at TimeProvider.System or set a clock.", nameof(options));
        if (options.DrainTimeout <= TimeSpan.Zero && options.DrainTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DrainTimeout,
                "RecordingOptions.DrainTimeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        DrainTimeout = options.DrainTimeout;
    }

    public TimeProvider TimeProvider { get; }

    public TimeSpan DrainTimeout { get; }

    public void Warn(string message)
    {
        if (_onWarning is { } onWarning)
        {
            onWarning(message);
        }
        else
        {
            System.Diagnostics.Trace.TraceWarning(message);
        }
    }

    /// <summary>The request as recorded, with the header, query and body filters applied.</summary>
    public RecordedRequest Record(CapturedRequest captured) => FilterRequest(captured.ToRecorded(this), captured.HasFormBody);

    /// <summary>Applies the header, query and body filters to a request about to be recorded; the same instance when they change nothing.</summary>
    /// <param name="request">The request.</param>
    /// <param name="formBody">Whether its body is <c>application/x-www-form-urlencoded</c>, whose values are redacted as the query's are.</param>
    public RecordedRequest FilterRequest(RecordedRequest request, bool formBody)
    {
        var headers = FilterHeaders(request.Headers);
        string url = RedactUrl(request.Url);
        var form = RedactForm(request.Form);
        var body = formBody ? RedactFormBody(request.Body) : _jsonRedactor.Apply(request.Body);
        if (ReferenceEquals(headers, request.Headers) && ReferenceEquals(url, request.Url) && ReferenceEquals(form, request.Form) && body.Equals(request.Body))
        {
            return request;
        }

        return request with
        {
            Headers = headers,
            Url = url,
            Form = form,
            Body = body,
            ContentLength = LengthAfterReplacing(request.ContentLength, request.Body, body),
        };
    }

    /// <summary>
    /// The content length to record for a body whose fields were replaced: a known length follows
    /// the body when replacing changed its size; an unknown one (-1) stays unknown.
    /// </summary>
    public static long LengthAfterReplacing(long declared, ReadOnlyMemory<byte> before, ReadOnlyMemory<byte> after) =>
        after.Length == before.Length || declared < 0 ? declared : after.Length;

    /// <summary>A body with the values at the redacted JSON paths replaced; the same bytes when none matches.</summary>
    public ReadOnlyMemory<byte> RedactJson(ReadOnlyMemory<byte> body) => _jsonRedactor.Apply(body);

    /// <summary>Runs the <see cref="RecordingOptions.BeforeRecord"/> hook on a filtered interaction; <see langword="null"/> when it leaves the interaction out.</summary>
    public Interaction? BeforeRecord(Interaction interaction) => _beforeRecord is null ? interaction : _beforeRecord(interaction);

    /// <summary>
    /// Applies the header, query and body filters (not the hook) to an interaction that was
    /// already in the cassette; returns the same instance when none of them changes anything.
    /// </summary>
    public Interaction RemoveSecrets(Interaction interaction, out IReadOnlyList<string> removed)
    {
        var request = interaction.Request;
        var response = interaction.Response;
        var filteredRequest = FilterRequest(request, HasFormBody(request));
        var responseHeaders = FilterHeaders(response.Headers);
        var responseBody = _jsonRedactor.Apply(response.Body);
        var what = new List<string>();
        what.AddRange(request.Headers.Keys.Where(k => !filteredRequest.Headers.ContainsKey(k)).Select(k => $"request header {k}"));
        what.AddRange(response.Headers.Keys.Where(k => !responseHeaders.ContainsKey(k)).Select(k => $"response header {k}"));
        if (!ReferenceEquals(filteredRequest.Url, request.Url) || !ReferenceEquals(filteredRequest.Form, request.Form))
        {
            what.Add("query parameters");
        }

        if (!filteredRequest.Body.Equals(request.Body) || !responseBody.Equals(response.Body))
        {
            what.Add("body fields");
        }

        removed = what;
        if (what.Count == 0)
        {
            return interaction;
        }

        return interaction with
        {
            Request = filteredRequest,
            Response = response with
            {
                Headers = responseHeaders,
                Body = responseBody,
                ContentLength = LengthAfterReplacing(response.ContentLength, response.Body, responseBody),
            },
        };
    }

    /// <summary>The headers the options keep; the same instance when they keep all of them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FilterHeaders(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        bool keepAll = true;
        foreach (string name in headers.Keys)
        {
            if (!KeepsHeader(name))
            {
                keepAll = false;
                break;
            }
        }

        if (keepAll)
        {
            return headers;
        }

        var kept = headers.Where(h => KeepsHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        return kept.Count == 0 ? HeaderMaps.Empty : kept;
    }

    /// <summary>Whether the header filters keep a header of this name.</summary>
    public bool KeepsHeader(string name) =>
        !_removedHeaders.Contains(name) && (_keptHeaders is null || _keptHeaders.Contains(name));

    private static bool HasFormBody(RecordedRequest request) =>
        request.Headers.TryGetValue("Content-Type", out var types)
        && types.Any(t => t.AsSpan().TrimStart().StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));

    private string RedactUrl(string url)
    {
        int question = url.IndexOf('?', StringComparison.Ordinal);
        if (_redactedQuery.Count == 0 || question < 0)
        {
            return url;
        }

        int hash = url.IndexOf('#', question);
        int end = hash < 0 ? url.Length : hash;
        string query = url[(question + 1)..end];
        string redacted = RedactPairs(query);
        return ReferenceEquals(redacted, query) ? url : string.Concat(url.AsSpan(0, question + 1), redacted, url.AsSpan(end));
    }

    private ReadOnlyMemory<byte> RedactFormBody(ReadOnlyMemory<byte> body)
    {
        if (_redactedQuery.Count == 0 || body.IsEmpty)
        {
            return body;
        }

        string text = Encoding.UTF8.GetString(body.Span);
        string redacted = RedactPairs(text);
        return ReferenceEquals(redacted, text) ? body : Encoding.UTF8.GetBytes(redacted);
    }

    // "a=1&key=secret" with the values of redacted names replaced; the same instance when none is.
    private string RedactPairs(string pairs)
    {
        var parts = pairs.Split('&');
        bool changed = false;
        for (int i = 0; i < parts.Length; i++)
        {
            int equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            string rawKey = equals < 0 ? parts[i] : parts[i][..equals];
            if (_redactedQuery.Contains(Uri.UnescapeDataString(rawKey.Replace('+', ' '))))
            {
                parts[i] = rawKey + "=" + RecordingOptions.Redacted;
                changed = true;
            }
        }

        return changed ? string.Join('&', parts) : pairs;
    }

    private IReadOnlyDictionary<string, IReadOnlyList<string>> RedactForm(IReadOnlyDictionary<string, IReadOnlyList<string>> form)
    {
        if (_redactedQuery.Count == 0 || !form.Keys.Any(_redactedQuery.Contains))
        {
            return form;
        }

        return form.ToDictionary(
            f => f.Key,
            f => _redactedQuery.Contains(f.Key) ? f.Value.Select(_ => RecordingOptions.Redacted).ToArray() : f.Value,
            StringComparer.Ordinal);
    }
}
