namespace Cassette;

/// <summary>
/// A request as go-vcr records it. Property order follows the field order of the
/// <c>version: 2</c> cassette format; every property defaults to Go's zero value.
/// </summary>
/// <remarks>
/// Equality is by value: two requests are equal when every property is, the body byte for byte,
/// lists item by item and maps name by name (their order does not matter, as a cassette sorts them).
/// </remarks>
public sealed record RecordedRequest
{
    /// <summary>The protocol text, for example <c>HTTP/1.1</c>.</summary>
    public string Proto { get; init; } = "";

    /// <summary>The protocol's major version.</summary>
    public int ProtoMajor { get; init; }

    /// <summary>The protocol's minor version.</summary>
    public int ProtoMinor { get; init; }

    /// <summary>The length of the body in bytes as the client declared it (-1 when unknown).</summary>
    public long ContentLength { get; init; }

    /// <summary>The transfer encodings, outermost first.</summary>
    public IReadOnlyList<string> TransferEncoding { get; init; } = [];

    /// <summary>The trailer headers, name to values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Trailer { get; init; } = HeaderMaps.Empty;

    /// <summary>The explicit <c>Host</c> the request was sent with; empty for most clients.</summary>
    public string Host { get; init; } = "";

    /// <summary>The remote address a server saw; empty on the client side.</summary>
    public string RemoteAddr { get; init; } = "";

    /// <summary>The unmodified request target a server saw; empty on the client side.</summary>
    public string RequestUri { get; init; } = "";

    /// <summary>The body bytes, exactly as sent.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The query values and, for an urlencoded body, the body's values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Form { get; init; } = HeaderMaps.Empty;

    /// <summary>The request headers, name to values in the order they were sent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = HeaderMaps.Empty;

    /// <summary>The absolute URL.</summary>
    public string Url { get; init; } = "";

    /// <summary>The HTTP method, for example <c>POST</c>.</summary>
    public string Method { get; init; } = "";

    /// <inheritdoc />
    public bool Equals(RecordedRequest? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Proto == other.Proto && ProtoMajor == other.ProtoMajor && ProtoMinor == other.ProtoMinor
                && ContentLength == other.ContentLength && TransferEncoding.SequenceEqual(other.TransferEncoding, StringComparer.Ordinal)
                && HeaderMaps.Equal(Trailer, other.Trailer) && Host == other.Host && RemoteAddr == other.RemoteAddr
                && RequestUri == other.RequestUri && Body.Span.SequenceEqual(other.Body.Span) && HeaderMaps.Equal(Form, other.Form)
                && HeaderMaps.Equal(Headers, other.Headers) && Url == other.Url && Method == other.Method));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Method, Url, Body.Length, Headers.Count);
}
