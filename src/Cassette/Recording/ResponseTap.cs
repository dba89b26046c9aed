namespace Cassette;

/// <summary>
/// The response body stream the client reads while recording: every chunk the client gets is
/// passed straight through from the upstream and copied into the recording on the way. The
/// interaction is recorded when the body ends. If the client lets go of the body before its end,
/// the tap reads the rest itself (within the drain timeout), so the cassette never holds a
/// cut-short body; if the upstream fails or a read is cancelled, the interaction is left out
/// with a warning.
/// </summary>
internal sealed class ResponseTap : ReadOnlyStream
{
    private const int Reading = 0;
    private const int Draining = 1;
    private const int Recorded = 2;
    private const int Failed = 3;

    private readonly InteractionRecorder _recorder;
    private readonly InteractionRecorder.Slot _slot;
    private readonly PendingInteraction _interaction;
    private readonly HttpContent _inner;

    // One reader of the upstream body at a time: the client's reads, or the drain after it let go.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly MemoryStream _body = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream? _stream;
    private int _state;

    public ResponseTap(InteractionRecorder recorder, InteractionRecorder.Slot slot, PendingInteraction interaction, HttpContent inner)
    {
        _recorder = recorder;
        _slot = slot;
        _interaction = interaction;
        _inner = inner;
        recorder.Track(slot, this);
    }

    /// <summary>Completes when the interaction is recorded or left out.</summary>
    public Task Completion => _completion.Task;

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream ??= await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return this;
        }
        finally
        {
            _turn.Release();
        }
    }

    public Stream Open(CancellationToken cancellationToken)
    {
        _turn.Wait(cancellationToken);
        try
        {
            _stream ??= _inner.ReadAsStream(cancellationToken);
            return this;
        }
        finally
        {
            _turn.Release();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!StillReading())
            {
                return 0;
            }

            int read;
            try
            {
                read = await _stream!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                FailRead(e, cancellationToken);
                throw;
            }

            Received(buffer.Span[..read]);
            return read;
        }
        finally
        {
            _turn.Release();
        }
    }

    public override int Read(Span<byte> buffer)
    {
        _turn.Wait();
        try
        {
            if (!StillReading())
            {
                return 0;
            }

            int read;
            try
            {
                read = _stream!.Read(buffer);
            }
            catch (Exception e)
            {
                Fail(e, "reading it failed");
                throw;
            }

            Received(buffer[..read]);
            return read;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// The client no longer reads the body: record what is left by reading it here, unless the
    /// body already ended.
    /// </summary>
    public void Abandon()
    {
        if (Interlocked.CompareExchange(ref _state, Draining, Reading) == Reading)
        {
            _ = DrainAsync();
        }
    }

    // Called on the reader's turn.
    private bool StillReading() => Volatile.Read(ref _state) switch
    {
        Reading => true,
        Recorded => false,
        Draining => throw new ObjectDisposedException(nameof(ResponseTap), "The response body was disposed."),
        _ => throw new IOException("The response body failed earlier and cannot be read further."),
    };

    // Called on the reader's turn.
    private void Received(ReadOnlySpan<byte> chunk)
    {
        if (!chunk.IsEmpty)
        {
            _body.Write(chunk);
            return;
        }

        Interlocked.Exchange(ref _state, Recorded);
        Finish(throwHookErrors: true);
    }

    private void Finish(bool throwHookErrors)
    {
        try
        {
            _recorder.Complete(_slot, _interaction, _body.ToArray());
        }
        catch (Exception e) when (!throwHookErrors)
        {
            _recorder.Settings.Warn($"{Describe()} was not recorded: the BeforeRecord hook threw {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Release();
        }
    }

    private void FailRead(Exception e, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Fail(e, "reading it was cancelled", failed: false);
        }
        else
        {
            Fail(e, "reading it failed");
        }
    }

    // failed: whether the upstream or the recording failed, rather than the client cancelling.
    private void Fail(Exception e, string what, bool failed = true)
    {
        Interlocked.Exchange(ref _state, Failed);
        string problem = $"{what} after {_body.Length} bytes ({e.GetType().Name}: {e.Message})";
        _recorder.Drop(_slot,
            $"{Describe()} was not recorded: {problem}. " +
            "A cut-short body is never saved as if it were complete; the interactions recorded before it are kept.",
            failed ? $"the response to {_interaction.Request}: {problem}" : null);
        Release();
    }

    private async Task DrainAsync()
    {
        var settings = _recorder.Settings;
        using var timeout = settings.DrainTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(settings.DrainTimeout, settings.TimeProvider);

        // Waits for a read the client still has in flight.
        await _turn.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _state) != Draining)
            {
                return;
            }

            try
            {
                _stream ??= await _inner.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                await _stream.CopyToAsync(_body, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Fail(e, timeout.IsCancellationRequested
                    ? $"the client stopped reading the body and its end did not come within the drain timeout ({settings.DrainTimeout})"
                    : "the client stopped reading the body and reading the rest failed");
                return;
            }

            Interlocked.Exchange(ref _state, Recorded);
            Finish(throwHookErrors: false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private void Release()
    {
        _stream?.Dispose();
        _inner.Dispose();
        _completion.TrySetResult();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Abandon();
        }

        base.Dispose(disposing);
    }

    private string Describe() => $"The response to {_interaction.Request}";
}
