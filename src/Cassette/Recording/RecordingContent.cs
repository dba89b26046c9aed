using System.Net;
using System.Net.Http.Headers;

namespace Cassette;

/// <summary>
/// Stands in for a response's content while it is recorded: the same headers, and a body read
/// through a <see cref="ResponseTap"/>, so the client gets each chunk as soon as it arrives.
/// </summary>
internal sealed class RecordingContent : HttpContent
{
    private readonly ResponseTap _tap;

    /// <param name="headers">The header lines of the content it stands in for.</param>
    /// <param name="tap">Reads and records the body.</param>
    public RecordingContent(KeyValuePair<string, HeaderStringValues>[] headers, ResponseTap tap)
    {
        _tap = tap;
        foreach (var (name, values) in headers)
        {
            // A single value is added as the string it is, without enumerating it.
            _ = values.Count == 1 ? Headers.TryAddWithoutValidation(name, values.ToString()) : Headers.TryAddWithoutValidation(name, values);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _tap.OpenAsync(cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _tap.Open(cancellationToken);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await _tap.OpenAsync(cancellationToken).ConfigureAwait(false);
        await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _tap.Open(cancellationToken).CopyTo(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tap.Abandon();
        }

        base.Dispose(disposing);
    }
}
