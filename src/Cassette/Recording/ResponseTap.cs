using System.Buffers;

namespace Cassette;

/// <summary>
/// Records one response body while the client reads it: every chunk the client gets is copied
/// into the recording as it passes. The interaction is recorded when the body ends. If the client
/// lets go of the body before its end, the tap reads the rest itself (within the drain timeout),
/// so the cassette never holds a cut-short body; if the upstream fails or a read is cancelled,
/// the interaction is left out with a warning.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim only needs disposing once its wait handle was asked for, which never happens here.")]
internal sealed class ResponseTap
{
    private const int DrainBufferSize = 16 * 1024;

    private readonly InteractionRecorder _recorder;
    private readonly InteractionRecorder.Slot _slot;
    private readonly Interaction _headers;
    private readonly HttpContent _inner;
    private readonly SemaphoreSlim _readLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _body;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _sync = new();
    private Stream? _stream;
    private State _state;

    public ResponseTap(InteractionRecorder recorder, InteractionRecorder.Slot slot, Interaction withoutBody, HttpContent inner)
    {
        _recorder = recorder;
        _slot = slot;
        _headers = withoutBody;
        _inner = inner;
        // Sized for the whole body when its length is known, so it is copied once.
        long length = withoutBody.Response.ContentLength;
        _body = new ArrayBufferWriter<byte>(length is > 0 and <= 16 * 1024 * 1024 ? (int)length : 8 * 1024);
        recorder.Track(this);
    }

    private enum State
    {
        Open,
        Draining,
        Recorded,
        Failed,
    }

    /// <summary>Completes when the interaction is recorded or left out.</summary>
    public Task Completion => _completion.Task;

    public async ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream ??= await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _readLock.Release();
        }

        return new TeeStream(this);
    }

    public Stream Open(CancellationToken cancellationToken)
    {
        _readLock.Wait(cancellationToken);
        try
        {
            _stream ??= _inner.ReadAsStream(cancellationToken);
        }
        finally
        {
            _readLock.Release();
        }

        return new TeeStream(this);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!CanRead())
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
                Fail(e, cancellationToken.IsCancellationRequested ? "reading it was cancelled" : "reading it failed");
                throw;
            }

            Received(buffer.Span[..read]);
            return read;
        }
        finally
        {
            _readLock.Release();
        }
    }

    public int Read(Span<byte> buffer)
    {
        _readLock.Wait();
        try
        {
            if (!CanRead())
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
            _readLock.Release();
        }
    }

    /// <summary>
    /// The client no longer reads the body: record what is left by reading it here, unless the
    /// body already ended.
    /// </summary>
    public void Abandon()
    {
        lock (_sync)
        {
            if (_state != State.Open)
            {
                return;
            }

            _state = State.Draining;
        }

        _ = DrainAsync();
    }

    // Called with the read lock held.
    private bool CanRead()
    {
        lock (_sync)
        {
            return _state switch
            {
                State.Open => true,
                State.Recorded => false,
                State.Draining => throw new ObjectDisposedException(nameof(TeeStream), "The response body was disposed."),
                _ => throw new IOException("The response body failed earlier and cannot be read further."),
            };
        }
    }

    // Called with the read lock held.
    private void Received(ReadOnlySpan<byte> chunk)
    {
        if (!chunk.IsEmpty)
        {
            _body.Write(chunk);
            return;
        }

        lock (_sync)
        {
            _state = State.Recorded;
        }

        Finish(throwHookErrors: true);
    }

    private void Finish(bool throwHookErrors)
    {
        try
        {
            _recorder.Complete(_slot, _headers with { Response = _headers.Response with { Body = _body.WrittenMemory } });
        }
        catch (Exception e) when (!throwHookErrors)
        {
            _recorder.Settings.Warn($"{Describe()} was not recorded: the BeforeRecord hook threw {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Close();
        }
    }

    private void Fail(Exception e, string what)
    {
        lock (_sync)
        {
            _state = State.Failed;
        }

        _recorder.Drop(_slot,
            $"{Describe()} was not recorded: {what} after {_body.WrittenCount} bytes ({e.GetType().Name}: {e.Message}). " +
            "A cut-short body is never saved as if it were complete; the interactions recorded before it are kept.");
        Close();
    }

    private async Task DrainAsync()
    {
        using var timeout = _recorder.Settings.DrainTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(_recorder.Settings.DrainTimeout, _recorder.Settings.TimeProvider);
        // Waits for a read the client still has in flight.
        await _readLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            lock (_sync)
            {
                if (_state != State.Draining)
                {
                    return;
                }
            }

            byte[] buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
            try
            {
                _stream ??= await _inner.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                int read;
                while ((read = await _stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    _body.Write(buffer.AsSpan(0, read));
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

            lock (_sync)
            {
                _state = State.Recorded;
            }

            Finish(throwHookErrors: false);
        }
        finally
        {
            _readLock.Release();
        }
    }

    private void Close()
    {
        _recorder.Untrack(this);
        _stream?.Dispose();
        _inner.Dispose();
        _completion.TrySetResult();
    }

    private string Describe() => $"The response to {_headers.Request.Method} {_headers.Request.Url}";
}
