namespace Cassette.Tests.Support;

/// <summary>A stream that can be read once, front to back, like a network upload.</summary>
internal sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
