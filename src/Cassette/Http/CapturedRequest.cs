using System.Net.Http.Headers;

namespace Cassette;

/// <summary>
/// What a request was when it was sent: its body, and its header lines as the handler pipeline
/// held them. <see cref="ToRecorded"/> turns it into the go-vcr <see cref="RecordedRequest"/>;
/// nothing the caller or an inner handler does to the request afterwards changes it.
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
        _headers = HasHeaders(request) ? GoHeaders.Snapshot(request.Headers) : [];
        _contentHeaders = request.Content is { } content ? GoHeaders.Snapshot(content.Headers) : [];

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
    public static CapturedRequest Take(HttpRequestMessage request, byte[] body) => new(request, AbsoluteUri(request), body);

    /// <summary>The request's URI, which must be absolute to be recorded or matched.</summary>
    /// <exception cref="InvalidOperationException">The request has no absolute URI.</exception>
    public static Uri AbsoluteUri(HttpRequestMessage request)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException(
            "The request has no RequestUri. Send it through an HttpClient with a BaseAddress, or set an absolute RequestUri.");
        return uri.IsAbsoluteUri
            ? uri
            : throw new InvalidOperationException($"The request URI \"{uri}\" is relative. Set the HttpClient's BaseAddress or use an absolute URI.");
    }

    /// <summary>The request as go-vcr records it, with the header filters of <paramref name="settings"/> applied, if given.</summary>
    public RecordedRequest ToRecorded(RecordingSettings? settings = null)
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
            Headers = GoHeaders.Build(_headers, _contentHeaders, response: false, settings),
            Url = Uri.AbsoluteUri,
            Method = Method,
        };
    }

    /// <summary>The method and URL, for messages about the request.</summary>
    public override string ToString() => $"{Method} {Uri.AbsoluteUri}";

    // HttpRequestMessage creates its header collection when Headers is first read, and
    // SocketsHttpHandler skips the collection of a request that never had one. Reading Headers of
    // such a request (a plain GET) makes the handler walk a new, empty collection: measured, the
    // first event of a zero-pause stream came 3 µs later (--recording-overhead, 4 % of the direct time).
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
