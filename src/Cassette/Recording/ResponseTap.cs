using System.Buffers;

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
/// The client's reads are the hot path: a read that the upstream answers at once takes no lock
/// and no async state machine, and the request and response are turned into their recorded form
/// while a read waits for the network, or at the end of the body.
/// </remarks>
internal sealed class ResponseTap : ReadOnlyStream
{
    private const int DrainBufferSize = 16 * 1024;
    private const int FirstBufferSize = 16 * 1024;
    private const int KeepRentedAbove = 1024 * 1024;
    private const int Reading = 0;
    private const int Draining = 1;
    private const int Recorded = 2;
    private const int Failed = 3;

    private readonly InteractionRecorder _recorder;
    private readonly InteractionRecorder.Slot _slot;
    private readonly PendingInteraction _interaction;
    private readonly HttpContent _inner;
    private Stream? _stream;
    private int _state;

    // Made only when someone waits for the end (FlushAsync); _closed tells it the end came.
    private TaskCompletionSource? _completion;
    private int _closed;

    // 1 while a read (or the drain) owns the upstream stream and the body buffer.
    private int _busy;

    // Created only when someone has to wait for the stream: completed when it is let go.
    private TaskCompletionSource? _released;

    // The body so far: rented, unless the length was announced and it is the body's own array.
    private byte[]? _body;
    private int _length;
    private bool _bodyRented;

    public ResponseTap(InteractionRecorder recorder, InteractionRecorder.Slot slot, PendingInteraction interaction, HttpContent inner)
    {
        _recorder = recorder;
        _slot = slot;
        _interaction = interaction;
        _inner = inner;
        slot.Track(this);
    }

    /// <summary>Completes when the interaction is recorded or left out.</summary>
    public Task Completion
    {
        get
        {
            var completion = Volatile.Read(ref _completion);
            if (completion is null)
            {
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                completion = Interlocked.CompareExchange(ref _completion, created, null) ?? created;
            }

            if (Volatile.Read(ref _closed) != 0)
            {
                completion.TrySetResult();
            }

            return completion.Task;
        }
    }

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
        catch (Exception e)
        {
            return FailedTask.Of<Stream>(e);
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

    // Called with the stream held; lets go of it when the read is over.
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
        catch (Exception e)
        {
            return new ValueTask<int>(FailedTask.Of<int>(e));
        }
        finally
        {
            if (!handedOver)
            {
                Exit();
            }
        }
    }

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

    // Completes when the stream is let go, or at once if it already was. Only a read that overlaps
    // another (the drain waiting for the client's last read) gets here.
    private Task WhenReleased()
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = Interlocked.CompareExchange(ref _released, created, null) ?? created;

        // Let go between the failed attempt and the registration: Exit may not have seen it.
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

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadWhenFreeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeld(buffer, cancellationToken).ConfigureAwait(false);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FinishReadAsync(ValueTask<int> reading, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            // The upstream has nothing yet: prepare the recording in the meantime.
            _interaction.PrepareAhead();
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

    // Called with the stream held.
    private bool StillReading() => Volatile.Read(ref _state) switch
    {
        Reading => true,
        Recorded => false,
        Draining => throw new ObjectDisposedException(nameof(ResponseTap), "The response body was disposed."),
        _ => throw new IOException("The response body failed earlier and cannot be read further."),
    };

    // Called with the stream held.
    private void Received(ReadOnlySpan<byte> chunk)
    {
        if (!chunk.IsEmpty)
        {
            Append(chunk);
            return;
        }

        Interlocked.Exchange(ref _state, Recorded);
        Finish(throwHookErrors: true);
    }

    private void Append(ReadOnlySpan<byte> chunk)
    {
        if (_body is null || _body.Length - _length < chunk.Length)
        {
            Grow(chunk.Length);
        }

        chunk.CopyTo(_body.AsSpan(_length));
        _length += chunk.Length;
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_body))]
    private void Grow(int more)
    {
        if (_body is null && _interaction.AnnouncedLength is long announced && announced >= more && announced <= 16 * 1024 * 1024)
        {
            // Read into the body's own array, so it is copied once.
            _body = GC.AllocateUninitializedArray<byte>((int)announced);
            return;
        }

        byte[] larger = _recorder.Buffers.Rent((int)Math.Min(Math.Max(FirstBufferSize, ((long)_length + more) * 2), Array.MaxLength));
        _body.AsSpan(0, _length).CopyTo(larger);
        ReturnBody();
        _body = larger;
        _bodyRented = true;
    }

    private ReadOnlyMemory<byte> TakeBody()
    {
        if (_length == 0)
        {
            ReturnBody();
            return ReadOnlyMemory<byte>.Empty;
        }

        if (!_bodyRented && _length == _body!.Length)
        {
            return _body;
        }

        if (_length > KeepRentedAbove)
        {
            // A large body keeps its buffer (never returned to the pool) rather than being copied again.
            var whole = _body.AsMemory(0, _length);
            _body = null;
            _bodyRented = false;
            return whole;
        }

        byte[] exact = GC.AllocateUninitializedArray<byte>(_length);
        _body.AsSpan(0, _length).CopyTo(exact);
        ReturnBody();
        return exact;
    }

    private void ReturnBody()
    {
        if (_bodyRented)
        {
            _recorder.Buffers.Return(_body!);
            _bodyRented = false;
        }

        _body = null;
    }

    private void Finish(bool throwHookErrors)
    {
        try
        {
            _recorder.Complete(_slot, _interaction, TakeBody());
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
        int length = _length;
        ReturnBody();
        string problem = $"{what} after {length} bytes ({e.GetType().Name}: {e.Message})";
        _recorder.Drop(_slot,
            $"{Describe()} was not recorded: {problem}. " +
            "A cut-short body is never saved as if it were complete; the interactions recorded before it are kept.",
            failed ? $"the response to {_interaction.Request}: {problem}" : null);
        Release();
    }

    private async Task DrainAsync()
    {
        using var timeout = _recorder.Settings.DrainTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(_recorder.Settings.DrainTimeout, _recorder.Settings.TimeProvider);
        // Waits for a read the client still has in flight.
        await EnterAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _state) != Draining)
            {
                return;
            }

            byte[] buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
            try
            {
                _stream ??= await _inner.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                int read;
                while ((read = await _stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    Append(buffer.AsSpan(0, read));
                }
            }
            catch (Exception e)
            {
                string what = timeout.IsCancellationRequested
                    ? $"the client stopped reading the body and its end did not come within the drain timeout ({_recorder.Settings.DrainTimeout})"
                    : "the client stopped reading the body and reading the rest failed";
                Fail(e, what);
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
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
        Interlocked.Exchange(ref _closed, 1);
        Volatile.Read(ref _completion)?.TrySetResult();
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
