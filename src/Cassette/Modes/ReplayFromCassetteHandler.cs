namespace Cassette;

/// <summary>
/// The replay mode's pipeline handler: answers every request from the session's shared
/// <see cref="ReplayingHandler"/> and never calls its inner handler.
/// </summary>
internal sealed class ReplayFromCassetteHandler(ReplayingHandler replayer) : DelegatingHandler
{
    // The replayer is shared by every handler of the session, which disposes it.
    private readonly HttpMessageInvoker _replayer = new(replayer, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _replayer.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _replayer.Send(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _replayer.Dispose();
        }

        base.Dispose(disposing);
    }
}
