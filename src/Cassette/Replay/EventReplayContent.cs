using System.Net;

namespace Cassette;

/// <summary>
/// The content of a replayed streamed response (<c>text/event-stream</c> events or NDJSON lines,
/// see <see cref="StreamEvents"/>): its stream hands out one event at a time (see
/// <see cref="EventReplayStream"/>), so clients see events as a server sent them.
/// </summary>
internal sealed class EventReplayContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly int[] _eventEnds;
    private readonly TimeSpan _perEvent;
    private readonly TimeProvider _clock;
    private readonly CancellationToken _requestCancellation;

    public EventReplayContent(ReadOnlyMemory<byte> body, int[] eventEnds, TimeSpan perEvent, TimeProvider clock, CancellationToken requestCancellation)
    {
        _body = body;
        _eventEnds = eventEnds;
        _perEvent = perEvent;
        _clock = clock;
        _requestCancellation = requestCancellation;
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(CreateStream());

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(CreateStream());

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => CreateStream();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_perEvent <= TimeSpan.Zero)
        {
            // Unpaced, every event is available at once: a buffering reader gains nothing from
            // one write per event.
            await stream.WriteAsync(_body, cancellationToken).ConfigureAwait(false);
            return;
        }

        var events = CreateStream();
        await using var _ = events.ConfigureAwait(false);
        byte[] buffer = new byte[Math.Max(1, Math.Min(_body.Length, 16 * 1024))];
        int read;
        while ((read = await events.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_perEvent <= TimeSpan.Zero)
        {
            stream.Write(_body.Span);
            return;
        }

        using var events = CreateStream();
        byte[] buffer = new byte[Math.Max(1, Math.Min(_body.Length, 16 * 1024))];
        int read;
        while ((read = events.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(buffer, 0, read);
            stream.Flush();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        // The handler sets Content-Length itself when the recording had one.
        length = 0;
        return false;
    }

    private EventReplayStream CreateStream() => new(_body, _eventEnds, _perEvent, _clock, _requestCancellation);
}
