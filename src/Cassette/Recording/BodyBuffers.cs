using System.Buffers;

namespace Cassette;

/// <summary>
/// Lends the buffers a recorder collects response bodies in: the one the last finished body gave
/// back, else one from <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
/// <remarks>
/// The shared pool keeps arrays per thread, and a body usually ends on another thread than the
/// one the next body starts on, so there the pool would look through its shared stacks, under a
/// lock, on the way to the client's first event. Bodies one after another, the common case while
/// recording a test, take and give back one array here with one atomic exchange each.
/// </remarks>
internal sealed class BodyBuffers
{
    // A larger buffer is not kept: it would hold its memory for every later, smaller body.
    private const int MaxSpareLength = 64 * 1024;

    private byte[]? _spare;

    public byte[] Rent(int minimumLength)
    {
        if (Volatile.Read(ref _spare) is { } spare && spare.Length >= minimumLength
            && Interlocked.CompareExchange(ref _spare, null, spare) == spare)
        {
            return spare;
        }

        return ArrayPool<byte>.Shared.Rent(minimumLength);
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length > MaxSpareLength || Interlocked.CompareExchange(ref _spare, buffer, null) is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
