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
/// interleave. Credential headers are removed before anything is added
/// (<see cref="RecordingOptions.RemovedHeaders"/>). The handler does not save the cassette: call
/// <see cref="FlushAsync"/>, then <see cref="CassetteFile.Save"/>, or let a
/// <see cref="CassetteSession"/> do both.
/// </para>
/// </remarks>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly InteractionRecorder _recorder;

    // In new-episodes mode: the session's replayer (which the session disposes), asked first.
    private readonly ReplayingHandler? _replayFirst;

    // The session's passthrough rule: these requests are sent on and not recorded.
    private readonly Func<HttpRequestMessage, bool>? _passthrough;

    /// <summary>Creates a handler that records into <paramref name="cassette"/>.</summary>
    /// <param name="cassette">The cassette the interactions are added to.</param>
    /// <param name="innerHandler">
    /// The handler that sends the requests, such as a <see cref="SocketsHttpHandler"/>;
    /// <see langword="null"/> when a pipeline sets <see cref="DelegatingHandler.InnerHandler"/>
    /// later, as <c>IHttpClientFactory</c> does.
    /// </param>
    /// <param name="options">What to record; read now, later changes do not apply.</param>
    /// <exception cref="ArgumentException">An option is invalid, such as an unsupported JSON path.</exception>
    public RecordingHandler(CassetteFile cassette, HttpMessageHandler? innerHandler = null, RecordingOptions? options = null)
        : this(new InteractionRecorder(
            cassette ?? throw new ArgumentNullException(nameof(cassette)),
            new RecordingSettings(options ?? new RecordingOptions())))
    {
        if (innerHandler is not null)
        {
            InnerHandler = innerHandler;
        }
    }

    internal RecordingHandler(InteractionRecorder recorder, ReplayingHandler? replayFirst = null, Func<HttpRequestMessage, bool>? passthrough = null)
    {
        _recorder = recorder;
        _replayFirst = replayFirst;
        _passthrough = passthrough;
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
        if (_passthrough?.Invoke(request) == true)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Taken before anything is awaited, so the place in line is the order of the calls.
        var slot = _recorder.Reserve();
        try
        {
            if (_replayFirst is not null && await _replayFirst.TryPlayAsync(request, cancellationToken).ConfigureAwait(false) is { } replayed)
            {
                _recorder.Drop(slot, warning: null, clientToken: cancellationToken);
                return replayed;
            }

            var pending = new PendingInteraction(await RequestCapture.TakeAsync(request, cancellationToken).ConfigureAwait(false), _recorder.Settings);
            pending.Sent();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return Attach(slot, pending, response);
        }
        catch (Exception e)
        {
            _recorder.Drop(slot, warning: null, Failure(request, e, cancellationToken), cancellationToken);
            throw;
        }
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_passthrough?.Invoke(request) == true)
        {
            return base.Send(request, cancellationToken);
        }

        var slot = _recorder.Reserve();
        try
        {
            if (_replayFirst?.TryPlay(request, cancellationToken) is { } replayed)
            {
                _recorder.Drop(slot, warning: null, clientToken: cancellationToken);
                return replayed;
            }

            var pending = new PendingInteraction(RequestCapture.Take(request, cancellationToken), _recorder.Settings);
            pending.Sent();
            var response = base.Send(request, cancellationToken);
            return Attach(slot, pending, response);
        }
        catch (Exception e)
        {
            _recorder.Drop(slot, warning: null, Failure(request, e, cancellationToken), cancellationToken);
            throw;
        }
    }

    // A request the upstream never answered is a failed recording; one the client cancelled is not.
    private static string? Failure(HttpRequestMessage request, Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested
            ? null
            : $"{request.Method} {request.RequestUri} failed: {e.GetType().Name}: {e.Message}";

    private HttpResponseMessage Attach(InteractionRecorder.Slot slot, PendingInteraction pending, HttpResponseMessage response)
    {
        pending.Answered(response);
        response.Content = new RecordingContent(pending.ContentHeaders, new ResponseTap(_recorder, slot, pending, response.Content));
        return response;
    }
}
