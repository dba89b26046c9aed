using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cassette.Tests.Recording;

/// <summary>
/// Responses that carry no body by their status or by the request's method, recorded through a
/// real HttpClient from an upstream on 127.0.0.1: HTTP/1.1 written byte for byte, and HTTP/2 from
/// Kestrel. The expected lengths are what Go puts in <c>http.Response.ContentLength</c>, which
/// go-vcr records: net/http's transfer.go (<c>readTransfer</c>, <c>fixLength</c>) for HTTP/1,
/// the HTTP/2 transport's <c>handleResponse</c> for HTTP/2.
/// </summary>
public sealed class BodilessResponseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "HTTP/1.1 204 No Content\r\n\r\n", 0)] // 204 is always 0
    [InlineData("GET", "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", 0)]
    [InlineData("DELETE", "HTTP/1.1 204 No Content\r\n\r\n", 0)]
    [InlineData("GET", "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n", 0)] // 304 is always 0...
    [InlineData("GET", "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 123\r\n\r\n", 0)] // ...whatever it declares
    [InlineData("HEAD", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 42\r\n\r\n", 42)] // HEAD keeps the declared length
    [InlineData("HEAD", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", -1)] // and is -1 without one
    [InlineData("HEAD", "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\n", 9)]
    [InlineData("HEAD", "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n", 7)] // HEAD is judged before the status
    [InlineData("GET", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0)]
    public async Task Record_BodilessResponse_ContentLengthIsGos(string method, string response, long expected)
    {
        var interaction = await RecordAsync(method, response);

        Assert.Equal(expected, interaction.Response.ContentLength);
        Assert.Empty(interaction.Response.Body.ToArray());
        Assert.False(interaction.Response.Uncompressed);
    }

    [Fact]
    public async Task Record_NotModifiedDeclaringALength_KeepsTheHeaderAsGoDoes()
    {
        var interaction = await RecordAsync("GET", "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 123\r\n\r\n");

        // fixLength answers 0 for a 304 without touching the header map.
        Assert.Equal(0, interaction.Response.ContentLength);
        Assert.Equal(["123"], interaction.Response.Headers["Content-Length"]);
        Assert.Equal(["\"v1\""], interaction.Response.Headers["Etag"]);
        Assert.Equal("304 Not Modified", interaction.Response.Status);
    }

    [Fact]
    public async Task Record_HeadAnsweredChunked_IsMinusOneWithTheTransferEncoding()
    {
        var interaction = await RecordAsync("HEAD", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 42\r\n\r\n");

        // Chunked overrides and removes the declared length before the HEAD rule reads it.
        Assert.Equal(-1, interaction.Response.ContentLength);
        Assert.Equal(["chunked"], interaction.Response.TransferEncoding);
        Assert.False(interaction.Response.Headers.ContainsKey("Content-Length"));
    }

    [Fact]
    public async Task Record_SwitchingProtocols_IsZero()
    {
        var interaction = await RecordAsync("GET", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: example\r\nConnection: Upgrade\r\n\r\n");

        Assert.Equal(101, interaction.Response.Code);
        Assert.Equal(0, interaction.Response.ContentLength);
    }

    [Fact]
    public async Task Record_NotModifiedGzipWithAutomaticDecompression_IsNotUncompressed()
    {
        var interaction = await RecordAsync("GET", "HTTP/1.1 304 Not Modified\r\nContent-Encoding: gzip\r\n\r\n", DecompressionMethods.All);

        // Go's transport decompresses only a response it reads a body of.
        Assert.False(interaction.Response.Uncompressed);
        Assert.Equal(0, interaction.Response.ContentLength);
    }

    [Theory]
    [InlineData("GET", "/no-content", 204, 0)] // the headers end the stream: 0
    [InlineData("GET", "/not-modified-declared", 304, 123)] // HTTP/2 has no status rule: the declared length
    [InlineData("HEAD", "/declared", 200, 42)]
    [InlineData("HEAD", "/undeclared", 200, -1)]
    public async Task Record_BodilessResponseOverHttp2_ContentLengthIsGos(string method, string path, int status, long expected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = path switch { "/no-content" => 204, "/not-modified-declared" => 304, _ => 200 };
            if (path is "/not-modified-declared" or "/declared")
            {
                context.Response.ContentLength = path == "/declared" ? 42 : 123;
            }

            return Task.CompletedTask;
        });
        await app.StartAsync(Token);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, new SocketsHttpHandler()));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using (var answer = await client.SendAsync(request, Token))
        {
            await answer.Content.ReadAsByteArrayAsync(Token);
        }

        var interaction = Assert.Single(cassette.Interactions);
        Assert.Equal("HTTP/2.0", interaction.Response.Proto);
        Assert.Equal(status, interaction.Response.Code);
        Assert.Equal(expected, interaction.Response.ContentLength);
    }

    /// <summary>Sends one request through a recording HttpClient to an upstream that answers <paramref name="response"/> and hangs up.</summary>
    private static async Task<Interaction> RecordAsync(string method, string response, DecompressionMethods decompression = DecompressionMethods.None)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var upstream = AnswerOnceAsync(listener, response);
        var cassette = new CassetteFile();
        using var client = new HttpClient(new RecordingHandler(cassette, new SocketsHttpHandler { AutomaticDecompression = decompression }));
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/items/1");

        using (var answer = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Token))
        {
            await answer.Content.ReadAsByteArrayAsync(Token);
        }

        await upstream;
        return Assert.Single(cassette.Interactions);
    }

    private static async Task AnswerOnceAsync(TcpListener listener, string response)
    {
        using var socket = await listener.AcceptSocketAsync(Token);
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None, Token);
        socket.Shutdown(SocketShutdown.Both);
    }
}
