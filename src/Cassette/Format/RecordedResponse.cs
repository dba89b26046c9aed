namespace Cassette;

/// <summary>
/// A response as go-vcr records it. Property order follows the field order of the
/// <c>version: 2</c> cassette format; every property defaults to Go's zero value.
/// </summary>
/// <remarks>
/// Equality is by value: two responses are equal when every property is, the body byte for byte,
/// lists item by item and maps name by name (their order does not matter, as a cassette sorts them).
/// </remarks>
public sealed record RecordedResponse
{
    /// <summary>The protocol text, for example <c>HTTP/2.0</c>.</summary>
    public string Proto { get; init; } = "";

    /// <summary>The protocol's major version.</summary>
    public int ProtoMajor { get; init; }

    /// <summary>The protocol's minor version.</summary>
    public int ProtoMinor { get; init; }

    /// <summary>The transfer encodings, outermost first.</summary>
    public IReadOnlyList<string> TransferEncoding { get; init; } = [];

    /// <summary>The trailer headers, name to values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Trailer { get; init; } = HeaderMaps.Empty;

    /// <summary>The body length the server declared, or -1 when it was not known (chunked or decompressed).</summary>
    public long ContentLength { get; init; }

    /// <summary>
    /// <see langword="true"/> when the client decompressed the body: <see cref="Body"/> holds the
    /// decoded bytes and the headers no longer carry <c>Content-Encoding</c>.
    /// </summary>
    public bool Uncompressed { get; init; }

    /// <summary>The body bytes, exactly as received (for a streamed body, every event).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The response headers, name to values in the order they were received.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = HeaderMaps.Empty;

    /// <summary>The status line text after the protocol, for example <c>200 OK</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The numeric status code.</summary>
    public int Code { get; init; }

    /// <summary>The time from sending the request until the response headers arrived.</summary>
    public GoDuration Duration { get; init; }

    /// <inheritdoc />
    public bool Equals(RecordedResponse? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Proto == other.Proto && ProtoMajor == other.ProtoMajor && ProtoMinor == other.ProtoMinor
                && TransferEncoding.SequenceEqual(other.TransferEncoding, StringComparer.Ordinal) && HeaderMaps.Equal(Trailer, other.Trailer)
                && ContentLength == other.ContentLength && Uncompressed == other.Uncompressed && Body.Span.SequenceEqual(other.Body.Span)
                && HeaderMaps.Equal(Headers, other.Headers) && Status == other.Status && Code == other.Code && Duration == other.Duration));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Status, Body.Length, Headers.Count, Duration);
}
