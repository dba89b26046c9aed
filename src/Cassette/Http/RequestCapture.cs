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

    /// <summary>Reads the body once and keeps what <see cref="CaptureAsync"/> records, to be turned into a <see cref="RecordedRequest"/> later.</summary>
    public static async ValueTask<CapturedRequest> TakeAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        CapturedRequest.Take(request, await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>The synchronous <see cref="TakeAsync"/>.</summary>
    public static CapturedRequest Take(HttpRequestMessage request, CancellationToken cancellationToken) =>
        CapturedRequest.Take(request, ReadBody(request, cancellationToken));

    /// <summary>The body's bytes, leaving the request able to send them again.</summary>
    public static async ValueTask<byte[]> ReadBodyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Content)
        {
            case null:
                return [];
            case ByteArrayContent or ReadOnlyMemoryContent:
                // These write the same bytes every time they are read.
                using (var copy = new MemoryStream())
                {
                    await request.Content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                    return copy.ToArray();
                }

            default:
#if NET9_0_OR_GREATER
                await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
                // .NET 8's LoadIntoBufferAsync takes no token: the read below still honours it.
                await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
                return await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The synchronous <see cref="ReadBodyAsync"/>. HttpContent has no synchronous
    /// <c>LoadIntoBuffer</c> on every runtime Cassette runs on, so a content that may not be read
    /// twice (a <see cref="StreamContent"/> over a stream that cannot seek) is replaced by its
    /// bytes, with the same headers.
    /// </summary>
    public static byte[] ReadBody(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not { } content)
        {
            return [];
        }

        byte[] body;
        using (var copy = new MemoryStream())
        {
            content.CopyTo(copy, context: null, cancellationToken);
            body = copy.ToArray();
        }

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

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> Freeze(Dictionary<string, List<string>> map) =>
        map.Count == 0
            ? HeaderMaps.Empty
            : map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.ToArray(), StringComparer.Ordinal);
}
