namespace Cassette;

/// <summary>
/// A read-only stream over a recorded streamed body that produces one event (an SSE event, an
/// NDJSON line) at a time: an event is released only when the reader asks for more than the
/// events already released, after its pacing delay. A read returns bytes of one event at most,
/// as a server's flush would.
/// </summary>
internal sealed class EventReplayStream : ReadOnlyStream
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly int[] _eventEnds;
    private readonly TimeSpan _perEvent;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenRegistration _requestRegistration;
    private int _released;
    private int _releasedEnd;
    private int _position;
    private volatile bool _disposed;

    public EventReplayStream(ReadOnlyMemory<byte> body, int[] eventEnds, TimeSpan perEvent, TimeProvider clock, CancellationToken requestCancellation)
    {
        _body = body;
        _eventEnds = eventEnds;
        _perEvent = perEvent;
        _clock = clock;

        // Cancelling the request stops the stream, for as long as the caller keeps that token alive.
        _requestRegistration = requestCancellation.UnsafeRegister(static s => ((EventReplayStream)s!).Stop(), this);
    }

    public override bool CanRead => !_disposed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfStopped(cancellationToken);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position == _releasedEnd)
        {
            if (_released == _eventEnds.Length)
            {
                return 0;
            }

            if (_perEvent > TimeSpan.Zero)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
                try
                {
                    await Pacing.DelayAsync(_perEvent, _clock, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    ThrowIfStopped(cancellationToken);
                    throw;
                }
            }

            Release();
        }

        return Copy(buffer.Span);
    }

    public override int Read(Span<byte> buffer)
    {
        ThrowIfStopped(CancellationToken.None);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position == _releasedEnd)
        {
            if (_released == _eventEnds.Length)
            {
                return 0;
            }

            try
            {
                Pacing.Delay(_perEvent, _clock, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                ThrowIfStopped(CancellationToken.None);
                throw;
            }

            Release();
        }

        return Copy(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _requestRegistration.Dispose();
            Stop();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: the stream has stopped anyway.
        }
    }

    private void Release()
    {
        _releasedEnd = _eventEnds[_released];
        _released++;
    }

    private int Copy(Span<byte> buffer)
    {
        int count = Math.Min(buffer.Length, _releasedEnd - _position);
        _body.Span.Slice(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    private void ThrowIfStopped(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_stop.IsCancellationRequested)
        {
            throw new OperationCanceledException("The request was cancelled while its recorded response was being streamed.", _stop.Token);
        }
    }
}
