using System.Net;
using System.Text;

namespace Cassette.MSTest.InnerTests;

/// <summary>An in-process upstream that answers every request with its path and counts what it receives.</summary>
internal sealed class Upstream : HttpMessageHandler
{
    private int _received;

    public int Received => _received;

    public static HttpClient Client(Upstream upstream) =>
        MSTestCassette.Current.CreateHttpClient(upstream);

    public static Uri Url(string path) => new("http://upstream.test" + path);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _received);
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"path\":\"" + request.RequestUri!.AbsolutePath + "\"}", Encoding.UTF8, "application/json"),
        };
        response.Headers.Add("X-Upstream", "inner");
        return Task.FromResult(response);
    }
}
