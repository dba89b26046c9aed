namespace Cassette;

/// <summary>
/// The replay mode's pipeline handler: answers every request from the session's shared
/// <see cref="ReplayingHandler"/>, except those the session's passthrough rule sends on.
/// </summary>
internal sealed class ReplayFromCassetteHandler(ReplayingHandler replayer, Func<HttpRequestMessage, bool>? passthrough) : DelegatingHandler
{
    // The replayer is shared by every handler of the session, which disposes it.
    private readonly HttpMessageInvoker _replayer = new(replayer, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        passthrough?.Invoke(request) == true ? base.SendAsync(request, cancellationToken) : _replayer.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        passthrough?.Invoke(request) == true ? base.Send(request, cancellationToken) : _replayer.Send(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _replayer.Dispose();
        }

        base.Dispose(disposing);
    }
}
