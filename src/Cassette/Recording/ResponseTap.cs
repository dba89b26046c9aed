namespace Cassette;

/// <summary>
/// The response body stream the client reads while recording: every chunk the client gets is
/// passed straight through from the upstream and copied into the recording on the way. The
/// interaction is recorded when the body ends. If the client lets go of the body before its end,
/// the tap reads the rest itself (within the drain timeout), so the cassette never holds a
/// cut-short body; if the upstream fails or a read is cancelled, the interaction is left out
/// with a warning.
/// </summary>
/// <remarks>
/// Only one reader uses the upstream body at a time: the client's reads, or the drain after the
/// client let go. The turn is a flag taken with one atomic exchange, and a read the upstream
/// answers at once completes without an async state machine. Written with a
/// <see cref="SemaphoreSlim"/> and async methods instead, the first event of a stream whose events
/// come with pauses arrived 8 µs later (--recording-overhead: 4 % more of the direct time, past
/// the 5 % the recorder keeps to).
/// </remarks>
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
    private readonly MemoryStream _body = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream? _stream;
    private int _state;

    // 1 while the client's read or the drain uses the upstream stream and the body.
    private int _busy;

    // Made only when a reader has to wait for its turn: completed when the turn is given back.
    private TaskCompletionSource? _released;

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

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        if (!TryEnter())
        {
            return OpenWhenFreeAsync(cancellationToken);
        }

        bool handedOver = false;
        try
        {
            if (_stream is null)
            {
                var opening = _inner.ReadAsStreamAsync(cancellationToken);
                if (!opening.IsCompletedSuccessfully)
                {
                    handedOver = true;
                    return FinishOpeningAsync(opening);
                }

                _stream = opening.Result;
            }

            return Task.FromResult<Stream>(this);
        }
        finally
        {
            if (!handedOver)
            {
                Exit();
            }
        }
    }

    public Stream Open(CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            _stream ??= _inner.ReadAsStream(cancellationToken);
        }
        finally
        {
            Exit();
        }

        return this;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        TryEnter() ? ReadHeld(buffer, cancellationToken) : ReadWhenFreeAsync(buffer, cancellationToken);

    public override int Read(Span<byte> buffer)
    {
        Enter();
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
            Exit();
        }
    }

    // Called with the turn taken; gives it back when the read is over.
    private ValueTask<int> ReadHeld(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        bool handedOver = false;
        try
        {
            if (!StillReading())
            {
                return new ValueTask<int>(0);
            }

            int read;
            try
            {
                var reading = _stream!.ReadAsync(buffer, cancellationToken);
                if (!reading.IsCompleted)
                {
                    handedOver = true;
                    return FinishReadAsync(reading, buffer, cancellationToken);
                }

                read = reading.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                FailRead(e, cancellationToken);
                throw;
            }

            Received(buffer.Span[..read]);
            return new ValueTask<int>(read);
        }
        finally
        {
            if (!handedOver)
            {
                Exit();
            }
        }
    }

    private async ValueTask<int> FinishReadAsync(ValueTask<int> reading, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            int read;
            try
            {
                read = await reading.ConfigureAwait(false);
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
            Exit();
        }
    }

    private async ValueTask<int> ReadWhenFreeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeld(buffer, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Stream> OpenWhenFreeAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream ??= await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }

        return this;
    }

    private async Task<Stream> FinishOpeningAsync(Task<Stream> opening)
    {
        try
        {
            _stream = await opening.ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }

        return this;
    }

    private bool TryEnter() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    private void Enter()
    {
        while (!TryEnter())
        {
            WhenReleased().Wait();
        }
    }

    private async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        while (!TryEnter())
        {
            await WhenReleased().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Completes when the turn is given back, or at once if it already was. Only a reader that
    // overlaps another (the drain waiting for the client's last read) gets here.
    private Task WhenReleased()
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = Interlocked.CompareExchange(ref _released, created, null) ?? created;

        // Given back between the failed attempt and the registration: Exit may not have seen it.
        if (Volatile.Read(ref _busy) == 0)
        {
            Interlocked.CompareExchange(ref _released, null, released);
            released.TrySetResult();
        }

        return released.Task;
    }

    private void Exit()
    {
        Interlocked.Exchange(ref _busy, 0);
        if (Volatile.Read(ref _released) is not null)
        {
            Interlocked.Exchange(ref _released, null)?.TrySetResult();
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
            Fail(e, "reading it was cancelled", failed: false, cancellationToken);
        }
        else
        {
            Fail(e, "reading it failed", clientToken: cancellationToken);
        }
    }

    // failed: whether the upstream or the recording failed, rather than the client cancelling.
    private void Fail(Exception e, string what, bool failed = true, CancellationToken clientToken = default)
    {
        Interlocked.Exchange(ref _state, Failed);
        string problem = $"{what} after {_body.Length} bytes ({e.GetType().Name}: {e.Message})";
        _recorder.Drop(_slot,
            $"{Describe()} was not recorded: {problem}. " +
            "A cut-short body is never saved as if it were complete; the interactions recorded before it are kept.",
            failed ? $"the response to {_interaction.Request}: {problem}" : null,
            clientToken);
        Release();
    }

    private async Task DrainAsync()
    {
        var settings = _recorder.Settings;
        using var timeout = settings.DrainTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(settings.DrainTimeout, settings.TimeProvider);

        // Waits for a read the client still has in flight.
        await EnterAsync(CancellationToken.None).ConfigureAwait(false);
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
                // Not a failed run: the client let go of the body, so nothing it did depended on
                // the rest (an MCP client closing its long-lived event stream, which the server
                // then aborts). The interaction is left out, with a warning.
                Fail(
                    e,
                    timeout.IsCancellationRequested
                        ? $"the client stopped reading the body and its end did not come within the drain timeout ({settings.DrainTimeout})"
                        : "the client stopped reading the body and reading the rest failed",
                    failed: false);
                return;
            }

            Interlocked.Exchange(ref _state, Recorded);
            Finish(throwHookErrors: false);
        }
        finally
        {
            Exit();
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
