using System.Net.Http.Headers;

namespace Cassette;

/// <summary>
/// What a request was when it was sent, kept cheaply: its body, and its header lines as the
/// handler pipeline held them. <see cref="ToRecorded"/> turns it into the go-vcr
/// <see cref="RecordedRequest"/> later, off the path to the response, with the same result as
/// capturing it all at once; nothing the caller or an inner handler does to the request
/// afterwards changes it.
/// </summary>
internal sealed class CapturedRequest
{
    private static readonly bool s_canPeekHeaders = CanPeekHeaders();
    private readonly KeyValuePair<string, HeaderStringValues>[] _headers;
    private readonly KeyValuePair<string, HeaderStringValues>[] _contentHeaders;
    private readonly Version _version;

    private CapturedRequest(HttpRequestMessage request, Uri uri, byte[] body)
    {
        Method = request.Method.Method;
        Uri = uri;
        Body = body;
        _version = request.Version;
        _headers = HasHeaders(request) ? Snapshot(request.Headers.NonValidated) : [];
        _contentHeaders = request.Content is { } content ? Snapshot(content.Headers.NonValidated) : [];

        // Go's ParseForm reads an urlencoded body of these methods. The typed getter parses the
        // value as the handler will, so it is asked now, while the request is as it was sent.
        HasFormBody = request.Content is not null
            && (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch)
            && request.Content.Headers.ContentType?.MediaType is { } mediaType
            && string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
    }

    public string Method { get; }

    public Uri Uri { get; }

    public byte[] Body { get; }

    /// <summary>Whether the body is <c>application/x-www-form-urlencoded</c> and of a method whose body Go's <c>ParseForm</c> reads.</summary>
    public bool HasFormBody { get; }

    /// <summary>Keeps what <see cref="ToRecorded"/> needs of a request about to be sent, whose body was read already (and is owned by the caller).</summary>
    /// <exception cref="InvalidOperationException">The request has no absolute URI.</exception>
    public static CapturedRequest Take(HttpRequestMessage request, byte[] body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException(
            "The request has no RequestUri. Send it through an HttpClient with a BaseAddress, or set an absolute RequestUri.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                $"The request URI \"{uri}\" is relative. Set the HttpClient's BaseAddress or use an absolute URI.");
        }

        return new CapturedRequest(request, uri, body);
    }

    /// <summary>The request as go-vcr records it.</summary>
    /// <param name="filter">
    /// The recording settings whose header filters apply; with them, the header map is built
    /// when it is first read rather than now.
    /// </param>
    public RecordedRequest ToRecorded(RecordingSettings? filter = null)
    {
        bool chunked = false;
        string host = "";
        foreach (var header in _headers)
        {
            // What a raw lookup by these names finds in the request's own headers.
            if (string.Equals(header.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = header.Value.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase))
            {
                host = header.Value.ToString();
            }
        }

        var headers = new LazyHeaderMap(_headers, _contentHeaders, response: false, filter);
        return new RecordedRequest
        {
            Proto = GoHttp.Proto(_version),
            ProtoMajor = _version.Major,
            ProtoMinor = Math.Max(_version.Minor, 0),
            ContentLength = chunked ? -1 : Body.Length,
            TransferEncoding = chunked ? ["chunked"] : [],
            Host = host,
            Body = Body,
            Form = Form(),
            Headers = filter is null ? headers.Built() : headers,
            Url = Uri.AbsoluteUri,
            Method = Method,
        };
    }

    /// <summary>The method and URL, for messages about the request.</summary>
    public override string ToString() => $"{Method} {Uri.AbsoluteUri}";

    /// <summary>The header lines as they are now; later changes to the headers do not reach the copy.</summary>
    public static KeyValuePair<string, HeaderStringValues>[] Snapshot(HttpHeadersNonValidated headers)
    {
        if (headers.Count == 0)
        {
            return [];
        }

        // Each value is a string or a new array of them.
        var lines = new KeyValuePair<string, HeaderStringValues>[headers.Count];
        int i = 0;
        foreach (var header in headers)
        {
            lines[i++] = header;
        }

        return i == lines.Length ? lines : lines[..i];
    }

    // HttpRequestMessage creates its header collection when Headers is first read, and
    // SocketsHttpHandler skips the collection of a request that never had one. Reading Headers
    // of such a request (a plain GET) would make the handler walk a new, empty collection.
    private static bool HasHeaders(HttpRequestMessage request) => !s_canPeekHeaders || HeadersField(request) is not null;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "Any failure means the field cannot be read; Headers is read instead.")]
    private static bool CanPeekHeaders()
    {
        try
        {
            using var probe = new HttpRequestMessage();
            return HeadersField(probe) is null;
        }
        catch (Exception)
        {
            // A runtime that names the field differently: Headers is read, as any caller may.
            return false;
        }
    }

    [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = "_headers")]
    private static extern ref HttpRequestHeaders? HeadersField(HttpRequestMessage request);

    // Go's ParseForm: an urlencoded body's values first, then the query's.
    private IReadOnlyDictionary<string, IReadOnlyList<string>> Form()
    {
        if (!HasFormBody && Uri.Query.Length <= 1)
        {
            return HeaderMaps.Empty;
        }

        var form = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (HasFormBody)
        {
            GoHttp.ParseQuery(System.Text.Encoding.UTF8.GetString(Body), form);
        }

        GoHttp.ParseQuery(Uri.Query.TrimStart('?'), form);
        return RequestCapture.Freeze(form);
    }
}
