using System.Net;

namespace Inner;

/// <summary>An upstream in the process: it answers every request with its method and path.</summary>
internal sealed class Upstream : HttpMessageHandler
{
    public const string BaseUrl = "http://upstream.test/";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($"{request.Method} {request.RequestUri!.AbsolutePath}"),
        });
}
