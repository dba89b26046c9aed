using System.Globalization;
using System.Net;

namespace Cassette;

/// <summary>
/// A recorded response made ready to replay: status, version, reason and headers are worked out
/// once when the handler is created (which headers belong to the content, which to the
/// response), so building each <see cref="HttpResponseMessage"/> only copies prepared values.
/// </summary>
internal sealed class PreparedResponse
{
    private readonly HttpStatusCode _status;
    private readonly Version _version;
    private readonly string? _reason;
    private readonly Header[] _responseHeaders;
    private readonly Header[] _contentHeaders;
    private readonly Header[] _trailers;
    private readonly long? _contentLength;

    public PreparedResponse(RecordedResponse recorded)
    {
        Recorded = recorded;
        EventEnds = StreamEvents.Split(recorded.Headers, recorded.Body.Span);
        _status = (HttpStatusCode)recorded.Code;
        _version = VersionOf(recorded);
        _reason = ReasonOf(recorded);

        using var probe = new HttpResponseMessage();
        var responseHeaders = new List<Header>();
        var contentHeaders = new List<Header>();
        foreach (var (name, values) in recorded.Headers)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)
                || (recorded.Uncompressed && string.Equals(name, "Content-Encoding", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Response headers refuse content headers, which then go where they belong.
            (probe.Headers.TryAddWithoutValidation(name, values) ? responseHeaders : contentHeaders).Add(new Header(name, values));
        }

        if (recorded.TransferEncoding.Count > 0)
        {
            responseHeaders.Add(new Header("Transfer-Encoding", recorded.TransferEncoding));
        }

        _responseHeaders = [.. responseHeaders];
        _contentHeaders = [.. contentHeaders];
        _trailers = [.. recorded.Trailer.Select(t => new Header(t.Key, t.Value))];

        // -1 is how Go records an unknown length (chunked, or decompressed by the client).
        _contentLength = recorded.ContentLength < 0 ? null : recorded.Body.Length;
    }

    public RecordedResponse Recorded { get; }

    /// <summary>Where each event of a streamed body (SSE events, NDJSON lines) ends; <see langword="null"/> for other bodies.</summary>
    public int[]? EventEnds { get; }

    public HttpResponseMessage Create(HttpRequestMessage request, TimeSpan perEvent, TimeProvider clock, CancellationToken cancellationToken)
    {
        HttpContent content = EventEnds is not null
            ? new EventReplayContent(Recorded.Body, EventEnds, perEvent, clock, cancellationToken)
            : new ReadOnlyMemoryContent(Recorded.Body);

        var response = new HttpResponseMessage(_status)
        {
            RequestMessage = request,
            Version = _version,
            ReasonPhrase = _reason,
            Content = content,
        };

        foreach (var header in _responseHeaders)
        {
            header.AddTo(response.Headers);
        }

        foreach (var header in _contentHeaders)
        {
            header.AddTo(content.Headers);
        }

        foreach (var header in _trailers)
        {
            header.AddTo(response.TrailingHeaders);
        }

        content.Headers.ContentLength = _contentLength;
        return response;
    }

    private static Version VersionOf(RecordedResponse recorded)
    {
        if (recorded.ProtoMajor > 0)
        {
            return new Version(recorded.ProtoMajor, recorded.ProtoMinor);
        }

        return recorded.Proto.StartsWith("HTTP/", StringComparison.Ordinal)
            && Version.TryParse(recorded.Proto.AsSpan(5), out var parsed)
            ? parsed
            : HttpVersion.Version11;
    }

    private static string? ReasonOf(RecordedResponse recorded)
    {
        string code = recorded.Code.ToString(CultureInfo.InvariantCulture);
        string status = recorded.Status;
        if (status.StartsWith(code, StringComparison.Ordinal))
        {
            status = status[code.Length..].TrimStart();
        }

        return status.Length == 0 ? null : status;
    }

    private sealed class Header(string name, IReadOnlyList<string> values)
    {
        private readonly string[] _values = [.. values];

        public void AddTo(System.Net.Http.Headers.HttpHeaders headers)
        {
            // One value through the string overload: no enumerator for the common case.
            if (_values.Length == 1)
            {
                headers.TryAddWithoutValidation(name, _values[0]);
            }
            else
            {
                headers.TryAddWithoutValidation(name, _values);
            }
        }
    }
}
