using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Cassette;

/// <summary>
/// An interaction being recorded. On the path to the response it only keeps things: the request
/// as it was sent, when it was sent, and the response headers as they arrived. Turning them into
/// go-vcr's form and applying the recording settings happens while a read of the body waits for
/// the network anyway, or else when the body ends, with the same result as doing it all at once.
/// </summary>
internal sealed class PendingInteraction
{
    private static readonly string[] s_chunked = ["chunked"];
    private static Type? s_plainContentType;

    private readonly CapturedRequest _captured;
    private readonly RecordingSettings _settings;
    private long _sent;
    private long _answered;
    private Version? _version;
    private HttpStatusCode _status;
    private string? _reason;
    private KeyValuePair<string, HeaderStringValues>[] _headers = [];
    private KeyValuePair<string, HeaderStringValues>[] _contentHeaders = [];

    // The response content the client never sees (it reads a RecordingContent), so its headers stay as they came.
    private HttpContent? _content;
    private RecordedRequest? _request;
    private RecordedResponse? _head;

    public PendingInteraction(CapturedRequest captured, RecordingSettings settings)
    {
        _captured = captured;
        _settings = settings;
    }

    public CapturedRequest Request => _captured;

    /// <summary>The Content-Length the response announced, if any.</summary>
    public long? AnnouncedLength
    {
        get
        {
            string[] transferEncoding = [];
            long contentLength = -1;
            Scan(_contentHeaders, ref transferEncoding, ref contentLength);
            return contentLength < 0 ? null : contentLength;
        }
    }

    /// <summary>The response content's header lines as they arrived.</summary>
    public KeyValuePair<string, HeaderStringValues>[] ContentHeaders => _contentHeaders;

    /// <summary>Notes the time; call it right before the request is handed on.</summary>
    public void Sent() => _sent = _settings.TimeProvider.GetTimestamp();

    /// <summary>Notes the time and keeps the response's status and headers; call it as soon as the response is back.</summary>
    public void Answered(HttpResponseMessage response)
    {
        _answered = _settings.TimeProvider.GetTimestamp();
        _version = response.Version;
        _status = response.StatusCode;
        _reason = response.ReasonPhrase;
        _content = response.Content;
        _headers = CapturedRequest.Snapshot(response.Headers.NonValidated);
        _contentHeaders = CapturedRequest.Snapshot(response.Content.Headers.NonValidated);
    }

    /// <summary>
    /// Does ahead what it can while the caller waits anyway; whatever fails here is done again,
    /// and reported, when the interaction is completed.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "Done again when the body ends, where a failure is reported.")]
    public void PrepareAhead()
    {
        try
        {
            _request ??= _settings.Record(_captured);
            if (_content is not null)
            {
                _head ??= Response(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
            }
        }
        catch (Exception)
        {
        }
    }

    /// <summary>The interaction to add, with the recording settings applied; <see langword="null"/> when the hook leaves it out.</summary>
    /// <exception cref="Exception">Whatever the settings or the <see cref="RecordingOptions.BeforeRecord"/> hook throw.</exception>
    public Interaction? Complete(ReadOnlyMemory<byte> body)
    {
        var request = _request ??= _settings.Record(_captured);
        var replaced = _settings.RedactJson(body);
        var response = _head is { } head
            ? head with
            {
                Body = replaced,
                ContentLength = RecordingSettings.LengthAfterReplacing(head.ContentLength, body, replaced),
            }
            : Response(body, replaced);
        return _settings.BeforeRecord(new Interaction(request, response));
    }

    // The recorded response, whose body was read as `received` and is recorded as `body`; its
    // header map is built when first read.
    private RecordedResponse Response(ReadOnlyMemory<byte> received, ReadOnlyMemory<byte> body)
    {
        string[] transferEncoding = [];
        long contentLength = -1;
        Scan(_headers, ref transferEncoding, ref contentLength);
        Scan(_contentHeaders, ref transferEncoding, ref contentLength);
        if (Array.IndexOf(transferEncoding, "chunked") >= 0)
        {
            contentLength = -1;
        }

        return new RecordedResponse
        {
            Proto = GoHttp.Proto(_version!),
            ProtoMajor = _version!.Major,
            ProtoMinor = Math.Max(_version.Minor, 0),
            TransferEncoding = transferEncoding,
            ContentLength = RecordingSettings.LengthAfterReplacing(contentLength, received, body),
            Body = body,
            Uncompressed = WasDecompressed(_content!),
            Headers = new LazyHeaderMap(_headers, _contentHeaders, response: true, _settings),
            Status = StatusText((int)_status, _reason ?? ""),
            Code = (int)_status,
            Duration = Elapsed(),
        };
    }

    // Header names in HttpHeaders are tokens, so a case-insensitive match is a match of Go's
    // canonical names. This runs once per recorded response, usually at the end of its body
    // right before the client sees it end, where little code is still in the CPU's caches: the
    // usual headers are read without building anything.
    private static void Scan(KeyValuePair<string, HeaderStringValues>[] lines, ref string[] transferEncoding, ref long contentLength)
    {
        foreach (var line in lines)
        {
            string name = line.Key;
            if (name.Length == "Transfer-Encoding".Length && string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                transferEncoding = transferEncoding.Length == 0 && line.Value.Count == 1 && line.Value.ToString() == "chunked"
                    ? s_chunked
                    : AddCodings(transferEncoding, line.Value);
            }
            else if (name.Length == "Content-Length".Length && string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long length))
            {
                contentLength = length;
            }
        }
    }

    // Go moves the transfer codings out of the header map, in lower case.
    private static string[] AddCodings(string[] transferEncoding, HeaderStringValues values)
    {
        var codings = new List<string>(transferEncoding);
        foreach (string value in values)
        {
            codings.AddRange(value.ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        return [.. codings];
    }

    private static string StatusText(int code, string reason)
    {
        if (code == 200 && reason == "OK")
        {
            return "200 OK";
        }

        return reason.Length == 0 ? code.ToString(CultureInfo.InvariantCulture) : $"{code} {reason}";
    }

    private GoDuration Elapsed()
    {
        long elapsed = _answered - _sent;
        long frequency = _settings.TimeProvider.TimestampFrequency;
        return new GoDuration(frequency == 1_000_000_000 ? elapsed : (long)((Int128)elapsed * 1_000_000_000 / frequency));
    }

    // SocketsHttpHandler's automatic decompression swaps the content for one of its own types and
    // drops Content-Encoding and Content-Length, as Go's transport does when it sets Uncompressed.
    // The last type found plain is remembered: a handler sends the same type response after
    // response, and comparing types is cheaper than reading their names.
    private static bool WasDecompressed(HttpContent content)
    {
        var type = content.GetType();
        if (type == Volatile.Read(ref s_plainContentType))
        {
            return false;
        }

        bool decompressed = type.FullName is { } name
            && name.StartsWith("System.Net.Http.", StringComparison.Ordinal)
            && name.Contains("Decompress", StringComparison.Ordinal);
        if (!decompressed)
        {
            Volatile.Write(ref s_plainContentType, type);
        }

        return decompressed;
    }
}
