namespace Cassette;

/// <summary>
/// Turns an <see cref="HttpRequestMessage"/> into the <see cref="RecordedRequest"/> go-vcr would
/// record, reading the body once and leaving it readable for whoever sends the request next.
/// The recorder and the replayer both capture requests here, so what is recorded is what is
/// matched.
/// </summary>
internal static class RequestCapture
{
    public static async ValueTask<RecordedRequest> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (await TakeAsync(request, cancellationToken).ConfigureAwait(false)).ToRecorded();

    public static RecordedRequest Capture(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Take(request, cancellationToken).ToRecorded();

    /// <summary>
    /// Reads the body once and keeps what <see cref="CaptureAsync"/> records, to be turned into a
    /// <see cref="RecordedRequest"/> later; completes at once for a body held in memory.
    /// </summary>
    public static ValueTask<CapturedRequest> TakeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is null)
        {
            return new ValueTask<CapturedRequest>(CapturedRequest.Take(request, []));
        }

        return TryReadInMemory(request.Content, buffered: false, cancellationToken, out var body)
            ? new ValueTask<CapturedRequest>(CapturedRequest.Take(request, Own(body)))
            : BufferThenTakeAsync(request, cancellationToken);
    }

    /// <summary>The synchronous <see cref="TakeAsync"/>.</summary>
    public static CapturedRequest Take(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TryReadInMemory(request.Content, buffered: false, cancellationToken, out var inMemory))
        {
            return CapturedRequest.Take(request, Own(inMemory));
        }

        return CapturedRequest.Take(request, ReadKeepingReadable(request, cancellationToken));
    }

    /// <summary>
    /// Reads a request's body synchronously and leaves the request able to send it again: a body
    /// that cannot be read twice is replaced by its bytes. For the contents
    /// <see cref="TryReadInMemory"/> leaves unread.
    /// </summary>
    public static byte[] ReadKeepingReadable(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content!;
        byte[] body;
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

        return body;
    }

    private static async ValueTask<CapturedRequest> BufferThenTakeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content!;
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        byte[] body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return CapturedRequest.Take(request, body);
    }

    // The recording keeps the bytes after the caller reuses or disposes its content.
    private static byte[] Own(BodySink body)
    {
        using (body)
        {
            return body.Written.ToArray();
        }
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
    public static RecordedRequest Build(HttpRequestMessage request, byte[] body) => CapturedRequest.Take(request, body).ToRecorded();

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> Freeze(Dictionary<string, List<string>> map) =>
        map.Count == 0
            ? HeaderMaps.Empty
            : map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.ToArray(), StringComparer.Ordinal);
}
