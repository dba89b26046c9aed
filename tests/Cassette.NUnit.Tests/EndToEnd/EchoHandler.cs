using System.Net;

namespace Cassette.NUnit.EndToEnd;

/// <summary>An upstream inside the test process: answers each request with its method and path.</summary>
internal sealed class EchoHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent($"{request.Method} {request.RequestUri?.AbsolutePath}"),
        });
}
