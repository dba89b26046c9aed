using System.IO.Pipelines;
using System.Net;
using System.Text;
using Cassette.Cli.Serving;

namespace Cassette.Tests.Cli;

public sealed class CassetteServerTests
{
    [Fact]
    public async Task Server_StreamedResponse_ReachesTheClientEventByEventOverARealSocket()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipe = new Pipe();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(pipe.Reader.AsStream()) { Headers = { { "Content-Type", "text/event-stream" } } },
        });
        await using var server = await CassetteServer.StartAsync(handler, new Uri("https://api.example.com"), 0, TextWriter.Null, cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.GetAsync("/v1/stream?x=1", HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[256];

        // Each event is released only after the previous one arrived at the client: the gate is the read itself.
        foreach (string sse in new[] { "data: one\n\n", "data: two\n\n" })
        {
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(sse), ct);
            int read = await body.ReadAsync(buffer, ct);
            Assert.Equal(sse, Encoding.UTF8.GetString(buffer, 0, read));
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(0, await body.ReadAsync(buffer, ct));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://api.example.com/v1/stream?x=1", handler.Requests.Single());
        Assert.Equal("127.0.0.1", server.Address.Host);
    }

    [Fact]
    public async Task Server_RequestBodyAndHeaders_ArePassedToTheHandler()
    {
        var ct = TestContext.Current.CancellationToken;
        string? seen = null;
        var handler = new StubHandler(request =>
        {
            seen = $"{request.Method} {request.Content!.Headers.ContentType} {request.Headers.GetValues("X-Test").Single()} {request.Content.ReadAsStringAsync().Result}";
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("ok") };
        });
        await using var server = await CassetteServer.StartAsync(handler, new Uri("http://upstream.test"), 0, TextWriter.Null, cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat") { Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Test", "yes");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("POST application/json; charset=utf-8 yes {\"a\":1}", seen);
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.ToString());
            return Task.FromResult(respond(request));
        }
    }
}
