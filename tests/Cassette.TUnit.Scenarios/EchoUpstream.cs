using System.Net;

namespace Cassette.TUnit.Scenarios;

/// <summary>An upstream that answers every request with its path, and counts them.</summary>
internal sealed class EchoUpstream : HttpMessageHandler
{
    private int _received;

    public int Received => _received;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _received);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(request.RequestUri!.AbsolutePath),
        });
    }
}
