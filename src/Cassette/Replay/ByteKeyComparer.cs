using System.Numerics;
using System.Runtime.InteropServices;

namespace Cassette;

/// <summary>
/// Compares byte arrays by content, and looks them up by a span, so the replay index finds a
/// key it has just written into a reused buffer without copying it into an array first.
/// </summary>
internal sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteKeyComparer Instance = new();

    private const ulong Prime = 0x9E3779B97F4A7C15;

    private ByteKeyComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    /// <summary>
    /// A multiply-rotate hash over four independent 8-byte lanes: keys are a few hundred bytes
    /// and hashed on every request, and they come from test fixtures, not from an adversary.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        ulong a = (ulong)bytes.Length, b = Prime, c = ~Prime, d = 1;
        while (bytes.Length >= 32)
        {
            a = BitOperations.RotateLeft(a ^ MemoryMarshal.Read<ulong>(bytes), 29) * Prime;
            b = BitOperations.RotateLeft(b ^ MemoryMarshal.Read<ulong>(bytes[8..]), 29) * Prime;
            c = BitOperations.RotateLeft(c ^ MemoryMarshal.Read<ulong>(bytes[16..]), 29) * Prime;
            d = BitOperations.RotateLeft(d ^ MemoryMarshal.Read<ulong>(bytes[24..]), 29) * Prime;
            bytes = bytes[32..];
        }

        ulong hash = a ^ BitOperations.RotateLeft(b, 16) ^ BitOperations.RotateLeft(c, 32) ^ BitOperations.RotateLeft(d, 48);
        while (bytes.Length >= 8)
        {
            hash = BitOperations.RotateLeft(hash ^ MemoryMarshal.Read<ulong>(bytes), 29) * Prime;
            bytes = bytes[8..];
        }

        foreach (byte x in bytes)
        {
            hash = BitOperations.RotateLeft(hash ^ x, 29) * Prime;
        }

        return (int)(hash ^ (hash >> 32));
    }
}
