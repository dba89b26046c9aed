using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cassette.Cli.Serving;

/// <summary>
/// A Kestrel server on 127.0.0.1 that hands every request to an <see cref="HttpMessageHandler"/>
/// (a replaying or recording one) as if it had been sent to <c>origin</c>, and copies the
/// response back, flushing after every read so streamed events reach the client one by one.
/// </summary>
internal sealed class CassetteServer : IAsyncDisposable
{
    // Connection-level headers that belong to one hop, not to the message.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker;

    private CassetteServer(WebApplication app, HttpMessageInvoker invoker, Uri address)
    {
        _app = app;
        _invoker = invoker;
        Address = address;
    }

    /// <summary>Where the server listens, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Address { get; }

    /// <summary>Cancelled when the host stops, for example because it received SIGTERM or Ctrl+C itself.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <param name="handler">Answers the requests; owned by the caller.</param>
    /// <param name="origin">The scheme, host and base path the requests are rewritten to (the rest of the path and the query are the client's).</param>
    /// <param name="port">The port, or 0 for any free one.</param>
    /// <param name="log">Where each request and each failure is reported.</param>
    /// <param name="stripAcceptEncoding">Drop the client's Accept-Encoding, so the handler's own decompression applies (as Go's transport does when recording).</param>
    public static async Task<CassetteServer> StartAsync(HttpMessageHandler handler, Uri origin, int port, TextWriter log, bool stripAcceptEncoding = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(log);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var gate = new object();
        app.Run(context => HandleAsync(context, invoker, origin, stripAcceptEncoding, line =>
        {
            lock (gate)
            {
                log.WriteLine(line);
                log.Flush();
            }
        }));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CassetteServer(app, invoker, new Uri(address));
    }

    /// <summary>Stops accepting requests and lets those in flight finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) =>
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _invoker.Dispose();
    }

    private static async Task HandleAsync(HttpContext context, HttpMessageInvoker invoker, Uri origin, bool stripAcceptEncoding, Action<string> log)
    {
        var incoming = context.Request;
        var aborted = context.RequestAborted;
        // The origin's own path (an upstream such as https://host/api) comes before the client's path.
        string target = origin.GetLeftPart(UriPartial.Path).TrimEnd('/') + incoming.PathBase + incoming.Path + incoming.QueryString;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        using var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body, aborted).ConfigureAwait(false);
        if (body.Length > 0 || incoming.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in incoming.Headers)
        {
            // Content-Length is the body's own, set by the content; a copy would be recorded twice.
            if (HopHeaders.Contains(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                || (stripAcceptEncoding && name.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await invoker.SendAsync(request, aborted).ConfigureAwait(false);
        }
        catch (CassetteException e)
        {
            log($"{incoming.Method} {incoming.Path}{incoming.QueryString} -> no match");
            log(e.Message);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(e.Message, aborted).ConfigureAwait(false);
            return;
        }
        catch (HttpRequestException e)
        {
            log($"{incoming.Method} {incoming.Path}{incoming.QueryString} -> upstream failed: {e.Message}");
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (response)
        {
            log($"{incoming.Method} {incoming.Path}{incoming.QueryString} -> {(int)response.StatusCode}");
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(name))
                {
                    context.Response.Headers.Append(name, values.ToArray());
                }
            }

            // Headers go out now: a streamed response's first event may be a while coming.
            await context.Response.StartAsync(aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
            await using var streamScope = stream.ConfigureAwait(false);
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, aborted).ConfigureAwait(false)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
    }
}
