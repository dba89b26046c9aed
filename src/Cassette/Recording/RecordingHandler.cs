using System.Globalization;

namespace Cassette;

/// <summary>
/// A <see cref="DelegatingHandler"/> that sends each request on to its inner handler and records
/// the request and the response into a cassette, as go-vcr would.
/// </summary>
/// <remarks>
/// <para>
/// The response body reaches the client as the upstream sends it: a streamed (Server-Sent
/// Events) response is copied into the recording chunk by chunk while the client reads it, and
/// the interaction is added to the cassette when the body ends. If the client disposes the
/// response before its end, the recorder reads the rest itself, so the cassette holds the whole
/// body (see <see cref="RecordingOptions.DrainTimeout"/>). If the upstream fails halfway or a
/// read is cancelled, the interaction is left out and a warning is raised
/// (<see cref="RecordingOptions.OnWarning"/>): a cut-short body is never saved as if it were
/// complete, and the interactions recorded before it are kept.
/// </para>
/// <para>
/// Interactions are added in the order the requests were sent, however their responses
/// interleave. Credential headers are dropped before anything is added
/// (<see cref="RecordingOptions.RemoveHeaders"/>). The handler does not save the cassette: call
/// <see cref="FlushAsync"/>, then <see cref="CassetteFile.Save"/>, or let a
/// <see cref="CassetteSession"/> do both.
/// </para>
/// </remarks>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly InteractionRecorder _recorder;

    // In new-episodes mode: the session's replayer, asked first.
    private readonly HttpMessageInvoker? _replayFirst;

    /// <summary>Creates a handler that records into <paramref name="cassette"/>; set <see cref="DelegatingHandler.InnerHandler"/> before use.</summary>
    /// <param name="cassette">The cassette the interactions are added to.</param>
    /// <param name="options">What to record; read now, later changes do not apply.</param>
    public RecordingHandler(CassetteFile cassette, RecordingOptions? options = null)
        : this(new InteractionRecorder(
            cassette ?? throw new ArgumentNullException(nameof(cassette)),
            new RecordingSettings(options ?? new RecordingOptions())))
    {
    }

    /// <summary>Creates a handler that sends requests through <paramref name="innerHandler"/> and records into <paramref name="cassette"/>.</summary>
    /// <param name="cassette">The cassette the interactions are added to.</param>
    /// <param name="innerHandler">The handler that sends the requests, such as a <see cref="SocketsHttpHandler"/>.</param>
    /// <param name="options">What to record; read now, later changes do not apply.</param>
    public RecordingHandler(CassetteFile cassette, HttpMessageHandler innerHandler, RecordingOptions? options = null)
        : this(cassette, options)
    {
        ArgumentNullException.ThrowIfNull(innerHandler);
        InnerHandler = innerHandler;
    }

    internal RecordingHandler(InteractionRecorder recorder, HttpMessageInvoker? replayFirst = null)
    {
        _recorder = recorder;
        _replayFirst = replayFirst;
    }

    /// <summary>The cassette the interactions are added to.</summary>
    public CassetteFile Cassette => _recorder.Cassette;

    /// <summary>
    /// Finishes the responses still being recorded: those the client no longer reads are read to
    /// their end (within <see cref="RecordingOptions.DrainTimeout"/>). When it returns, the
    /// cassette holds every interaction that could be recorded whole.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _recorder.FlushAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Taken before the first await, so the place in line is the order of the calls.
        var slot = _recorder.Reserve();
        if (_replayFirst is { } replayer)
        {
            try
            {
                var replayed = await replayer.SendAsync(request, cancellationToken).ConfigureAwait(false);
                _recorder.Drop(slot, warning: null);
                return replayed;
            }
            catch (CassetteMismatchException)
            {
                // A new episode: recorded below.
            }
            catch
            {
                _recorder.Drop(slot, warning: null);
                throw;
            }
        }

        try
        {
            var recorded = await RequestCapture.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
            long start = _recorder.Settings.TimeProvider.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return Attach(slot, recorded, response, start);
        }
        catch
        {
            _recorder.Drop(slot, warning: null);
            throw;
        }
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var slot = _recorder.Reserve();
        if (_replayFirst is { } replayer)
        {
            try
            {
                var replayed = replayer.Send(request, cancellationToken);
                _recorder.Drop(slot, warning: null);
                return replayed;
            }
            catch (CassetteMismatchException)
            {
                // A new episode: recorded below.
            }
            catch
            {
                _recorder.Drop(slot, warning: null);
                throw;
            }
        }

        try
        {
            var recorded = RequestCapture.Capture(request, cancellationToken);
            long start = _recorder.Settings.TimeProvider.GetTimestamp();
            var response = base.Send(request, cancellationToken);
            return Attach(slot, recorded, response, start);
        }
        catch
        {
            _recorder.Drop(slot, warning: null);
            throw;
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _replayFirst?.Dispose();
        }

        base.Dispose(disposing);
    }

    private HttpResponseMessage Attach(InteractionRecorder.Slot slot, RecordedRequest request, HttpResponseMessage response, long start)
    {
        var time = _recorder.Settings.TimeProvider;
        long elapsed = time.GetTimestamp() - start;
        var duration = new GoDuration((long)((Int128)elapsed * 1_000_000_000 / time.TimestampFrequency));
        var withoutBody = new Interaction(request, CaptureResponse(response, duration));
        var inner = response.Content;
        response.Content = new RecordingContent(inner, new ResponseTap(_recorder, slot, withoutBody, inner));
        return response;
    }

    private static RecordedResponse CaptureResponse(HttpResponseMessage response, GoDuration duration)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var transferEncoding = new List<string>();
        long contentLength = -1;
        AddResponseHeaders(response.Headers.NonValidated, headers, transferEncoding, ref contentLength);
        AddResponseHeaders(response.Content.Headers.NonValidated, headers, transferEncoding, ref contentLength);
        if (transferEncoding.Contains("chunked"))
        {
            contentLength = -1;
        }

        int code = (int)response.StatusCode;
        string reason = response.ReasonPhrase ?? "";
        return new RecordedResponse
        {
            Proto = GoHttp.Proto(response.Version),
            ProtoMajor = response.Version.Major,
            ProtoMinor = Math.Max(response.Version.Minor, 0),
            TransferEncoding = transferEncoding.ToArray(),
            ContentLength = contentLength,
            Uncompressed = WasDecompressed(response.Content),
            Headers = headers.Count == 0 ? HeaderMaps.Empty : headers,
            Status = reason.Length == 0 ? code.ToString(CultureInfo.InvariantCulture) : $"{code} {reason}",
            Code = code,
            Duration = duration,
        };
    }

    // One value per received header line, as Go records them.
    private static void AddResponseHeaders(
        System.Net.Http.Headers.HttpHeadersNonValidated received,
        Dictionary<string, IReadOnlyList<string>> headers,
        List<string> transferEncoding,
        ref long contentLength)
    {
        foreach (var header in received)
        {
            string name = GoHttp.CanonicalHeaderName(header.Key);
            if (name == "Transfer-Encoding")
            {
                // Go moves the transfer codings out of the header map.
                foreach (string value in header.Value)
                {
                    transferEncoding.AddRange(value.ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                }

                continue;
            }

            if (name == "Content-Length" && long.TryParse(header.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long length))
            {
                contentLength = length;
            }

            var values = new string[header.Value.Count];
            int i = 0;
            foreach (string value in header.Value)
            {
                values[i++] = value;
            }

            headers[name] = headers.TryGetValue(name, out var existing) ? [.. existing, .. values] : values;
        }
    }

    // SocketsHttpHandler's automatic decompression swaps the content for one of its own types and
    // drops Content-Encoding and Content-Length, as Go's transport does when it sets Uncompressed.
    private static bool WasDecompressed(HttpContent content) =>
        content.GetType().FullName is { } name
        && name.StartsWith("System.Net.Http.", StringComparison.Ordinal)
        && name.Contains("Decompress", StringComparison.Ordinal);
}
