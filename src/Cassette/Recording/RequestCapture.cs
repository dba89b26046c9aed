using System.Net.Http.Headers;

namespace Cassette;

/// <summary>
/// Turns an <see cref="HttpRequestMessage"/> into the <see cref="RecordedRequest"/> go-vcr would
/// record, reading the body once and leaving it readable for whoever sends the request next.
/// The recorder and the replayer both capture requests here, so what is recorded is what is
/// matched.
/// </summary>
internal static class RequestCapture
{
    public static async ValueTask<RecordedRequest> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] body = [];
        if (request.Content is { } content)
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        return Build(request, body);
    }

    public static RecordedRequest Capture(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] body = [];
        if (request.Content is { } content)
        {
            using (var stream = content.ReadAsStream(cancellationToken))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                body = copy.ToArray();
            }

            // HttpContent has no synchronous LoadIntoBuffer: contents that cannot be read twice
            // (a StreamContent over a stream that cannot seek) are replaced by their bytes, with
            // the same headers.
            if (content is not (ByteArrayContent or ReadOnlyMemoryContent))
            {
                var replacement = new ByteArrayContent(body);
                foreach (var header in content.Headers.NonValidated)
                {
                    replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                request.Content = replacement;
                content.Dispose();
            }
        }

        return Build(request, body);
    }

    /// <summary>
    /// Reads the body without a copy where possible, for a handler that only looks at it during
    /// the call: from the array of a <see cref="ByteArrayContent"/> or <see cref="StringContent"/>,
    /// or from the buffer of a content <see cref="HttpContent.LoadIntoBufferAsync()"/> has filled.
    /// Returns <see langword="false"/> when the content must be buffered asynchronously first.
    /// </summary>
    /// <param name="content">The content; <see langword="null"/> is an empty body.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <param name="body">A sink holding the bytes; dispose it when done with them.</param>
    /// <param name="buffered">Whether the content was already buffered; otherwise only content types known to replay their bytes are read.</param>
    public static bool TryReadInMemory(HttpContent? content, bool buffered, CancellationToken cancellationToken, out BodySink body)
    {
        body = new BodySink();
        if (content is null)
        {
            return true;
        }

        // These serialize the same bytes every time, so reading them leaves the content as it was.
        Type type = content.GetType();
        if (!buffered && type != typeof(ByteArrayContent) && type != typeof(StringContent)
            && type != typeof(ReadOnlyMemoryContent) && type != typeof(FormUrlEncodedContent))
        {
            return false;
        }

        content.CopyTo(body, context: null, cancellationToken);
        return true;
    }

    /// <summary>The request as <see cref="CaptureAsync"/> records it, with a body already read (and owned by the caller).</summary>
    public static RecordedRequest Build(HttpRequestMessage request, byte[] body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException(
            "The request has no RequestUri. Send it through an HttpClient with a BaseAddress, or set an absolute RequestUri.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                $"The request URI \"{uri}\" is relative. Set the HttpClient's BaseAddress or use an absolute URI.");
        }

        // Raw header lookups: the typed getters parse every value, which a capture does not need.
        bool chunked = request.Headers.NonValidated.TryGetValues("Transfer-Encoding", out var transferEncoding)
            && transferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
        string host = request.Headers.NonValidated.TryGetValues("Host", out var hostValues) ? hostValues.ToString() : "";
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        AddHeaders(headers, request.Headers.NonValidated);
        if (request.Content is { } content)
        {
            AddHeaders(headers, content.Headers.NonValidated);
        }

        return new RecordedRequest
        {
            Proto = GoHttp.Proto(request.Version),
            ProtoMajor = request.Version.Major,
            ProtoMinor = Math.Max(request.Version.Minor, 0),
            ContentLength = chunked ? -1 : body.Length,
            TransferEncoding = chunked ? ["chunked"] : [],
            Host = host,
            Body = body,
            Form = Form(request, uri, body),
            Headers = headers.Count == 0 ? HeaderMaps.Empty : headers,
            Url = uri.AbsoluteUri,
            Method = request.Method.Method,
        };
    }

    // Go's ParseForm: an urlencoded body's values first, then the query's.
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Form(HttpRequestMessage request, Uri uri, byte[] body)
    {
        bool urlEncodedBody = (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch)
            && request.Content?.Headers.ContentType?.MediaType is { } mediaType
            && string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!urlEncodedBody && uri.Query.Length <= 1)
        {
            return HeaderMaps.Empty;
        }

        var form = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (urlEncodedBody)
        {
            GoHttp.ParseQuery(System.Text.Encoding.UTF8.GetString(body), form);
        }

        GoHttp.ParseQuery(uri.Query.TrimStart('?'), form);
        return Freeze(form);
    }

    // One value per header line, as the handler writes it on the wire (User-Agent's products
    // joined by spaces, other lists by commas). Go keeps Host, Content-Length and
    // Transfer-Encoding out of the header map.
    private static void AddHeaders(Dictionary<string, IReadOnlyList<string>> into, HttpHeadersNonValidated headers)
    {
        foreach (var header in headers)
        {
            string name = GoHttp.CanonicalHeaderName(header.Key);
            if (name is "Host" or "Content-Length" or "Transfer-Encoding")
            {
                continue;
            }

            string value = header.Value.ToString();
            into[name] = into.TryGetValue(name, out var existing) ? [.. existing, value] : [value];
        }
    }

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> Freeze(Dictionary<string, List<string>> map) =>
        map.Count == 0
            ? HeaderMaps.Empty
            : map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.ToArray(), StringComparer.Ordinal);
}
