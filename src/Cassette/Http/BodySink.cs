using System.Buffers;

namespace Cassette;

/// <summary>
/// A write-only stream that keeps what an <see cref="HttpContent"/> writes into it. A single
/// array write (a <see cref="ByteArrayContent"/>, or a buffered content) is kept by reference,
/// not copied; anything else is copied into a pooled buffer, returned on dispose.
/// </summary>
internal sealed class BodySink : Stream
{
    private byte[]? _array;
    private int _offset;
    private int _length;
    private bool _pooled;

    /// <summary>The bytes written so far; valid until the sink is disposed and the content is disposed or changed.</summary>
    public ReadOnlyMemory<byte> Written => _array is null ? ReadOnlyMemory<byte>.Empty : _array.AsMemory(_offset, _length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        if (_array is null)
        {
            _array = buffer;
            _offset = offset;
            _length = count;
            return;
        }

        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_pooled || _array!.Length - _length < buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(256, (_length + buffer.Length) * 2));
            Written.Span.CopyTo(larger);
            ReturnPooled();
            _array = larger;
            _offset = 0;
            _pooled = true;
        }

        buffer.CopyTo(_array.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        ReturnPooled();
        _array = null;
        _length = 0;
        base.Dispose(disposing);
    }

    private void ReturnPooled()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_array!);
            _pooled = false;
        }
    }
}
