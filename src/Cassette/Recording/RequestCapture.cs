using System.Globalization;
using System.Net;

namespace Cassette;

/// <summary>
/// Turns a live <see cref="HttpRequestMessage"/> into a <see cref="RecordedRequest"/> the way
/// go-vcr records one: the body read once (and left readable for a handler that sends it on),
/// header names in Go's canonical form, request and content headers together.
/// </summary>
internal static class RequestCapture
{
    public static async ValueTask<RecordedRequest> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReadOnlyMemory<byte> body = ReadOnlyMemory<byte>.Empty;
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
        ReadOnlyMemory<byte> body = ReadOnlyMemory<byte>.Empty;
        if (request.Content is { } content)
        {
            // There is no synchronous LoadIntoBuffer; CopyTo can be repeated for every content
            // type HttpClient ships except a StreamContent over a stream that cannot seek.
            using var buffer = new MemoryStream();
            content.CopyTo(buffer, context: null, cancellationToken);
            body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
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

    /// <summary>Go's <c>textproto.CanonicalMIMEHeaderKey</c>: <c>content-type</c> becomes <c>Content-Type</c>.</summary>
    public static string CanonicalHeaderName(string name)
    {
        foreach (char c in name)
        {
            // Go leaves names with characters outside the token set as they are.
            if (c > 0x7F || c == ' ' || c == ':' || char.IsControl(c))
            {
                return name;
            }
        }

        if (IsCanonical(name))
        {
            return name;
        }

        return string.Create(name.Length, name, static (span, source) =>
        {
            bool upper = true;
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
                upper = c == '-';
            }
        });
    }

    private static bool IsCanonical(string name)
    {
        bool upper = true;
        foreach (char c in name)
        {
            if (upper ? char.IsAsciiLetterLower(c) : char.IsAsciiLetterUpper(c))
            {
                return false;
            }

            upper = c == '-';
        }

        return true;
    }

    /// <summary>The request as <see cref="CaptureAsync"/> records it, with a body already read (and owned by the caller).</summary>
    public static RecordedRequest Build(HttpRequestMessage request, ReadOnlyMemory<byte> body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException(
            "The request has no RequestUri. Send it through an HttpClient with a BaseAddress, or set an absolute RequestUri.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                $"The request URI \"{uri}\" is relative. Set the HttpClient's BaseAddress or use an absolute URI.");
        }

        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        AddHeaders(headers, request.Headers);
        if (request.Content is { } content)
        {
            AddHeaders(headers, content.Headers);
        }

        // go-vcr keeps the Host field apart from the headers and records only an explicit one.
        string host = "";
        if (headers.Remove("Host", out var hostValues) && hostValues.Count > 0)
        {
            host = hostValues[0];
        }

        var version = request.Version;
        return new RecordedRequest
        {
            Proto = version == HttpVersion.Version11 ? "HTTP/1.1"
                : string.Create(CultureInfo.InvariantCulture, $"HTTP/{version.Major}.{Math.Max(version.Minor, 0)}"),
            ProtoMajor = version.Major,
            ProtoMinor = Math.Max(version.Minor, 0),
            ContentLength = body.Length,
            Host = host,
            Body = body,
            Headers = headers,
            Url = uri.AbsoluteUri,
            Method = request.Method.Method,
        };
    }

    private static void AddHeaders(Dictionary<string, IReadOnlyList<string>> target, System.Net.Http.Headers.HttpHeaders source)
    {
        foreach (var (name, values) in source.NonValidated)
        {
            string canonical = CanonicalHeaderName(name);
            var list = new List<string>(values.Count);
            foreach (string value in values)
            {
                list.Add(value);
            }

            if (target.TryGetValue(canonical, out var existing))
            {
                list.InsertRange(0, existing);
            }

            target[canonical] = list;
        }
    }
}
