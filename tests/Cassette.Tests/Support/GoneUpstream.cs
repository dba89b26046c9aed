namespace Cassette.Tests.Support;

/// <summary>An upstream that is gone: every request fails, so a replay that reached it would fail the test.</summary>
internal sealed class GoneUpstream : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException("The upstream is gone: a replay must not reach it.");

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException("The upstream is gone: a replay must not reach it.");
}
