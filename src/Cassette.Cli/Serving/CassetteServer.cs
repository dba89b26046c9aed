using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cassette.Cli.Serving;

/// <summary>
/// A Kestrel server on 127.0.0.1 that hands every request to an <see cref="HttpMessageHandler"/>
/// (a replaying or recording one) as if it had been sent to <c>origin</c>, and copies the
/// response back, flushing after every read so streamed events reach the client one by one.
/// </summary>
/// <remarks>
/// It listens on 127.0.0.1 only, whatever the environment says (<c>ASPNETCORE_URLS</c> and the
/// like are not read): a cassette server answers anyone who can connect, so only this machine
/// can. A client that hangs up mid-stream ends only its own request.
/// </remarks>
internal sealed class CassetteServer : IAsyncDisposable
{
    // Connection-level headers that belong to one hop, not to the message.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    /// <summary>The status of an answer to a request that matches no interaction: one no real API returns, so a client never mistakes it for a recorded response.</summary>
    public const int MismatchStatus = 599;

    /// <summary>The header, with the value <c>true</c>, that marks an answer with <see cref="MismatchStatus"/>.</summary>
    public const string MismatchHeader = "X-Cassette-Mismatch";

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

    /// <summary>Every address Kestrel reports it is bound to (just <see cref="Address"/>).</summary>
    public IReadOnlyList<Uri> BoundAddresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();

    /// <summary>Cancelled when the host stops, for example because it received SIGTERM or Ctrl+C itself.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <param name="handler">Answers the requests; owned by the caller.</param>
    /// <param name="origin">The scheme, host and base path the requests are rewritten to (the rest of the path and the query are the client's).</param>
    /// <param name="port">The port, or 0 for any free one.</param>
    /// <param name="log">Where each request and each failure is reported, and Kestrel's own warnings and errors.</param>
    /// <param name="recording">
    /// The handler forwards to a real upstream: drop the client's Accept-Encoding, so the handler's own
    /// decompression applies (as Go's transport does when recording), and keep reading a response
    /// whose client hung up, so the recorder still sees its end.
    /// </param>
    public static async Task<CassetteServer> StartAsync(HttpMessageHandler handler, Uri origin, int port, TextWriter log, bool recording = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(log);
        var gate = new object();
        void Write(string line)
        {
            lock (gate)
            {
                log.WriteLine(line);
                log.Flush();
            }
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.AddProvider(new ServerLogProvider(Write));
        // Kestrel's connection limits are unlimited by default, which 200 streaming clients need.
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        app.Run(context => HandleAsync(context, invoker, origin, recording, Write));
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

    private static async Task HandleAsync(HttpContext context, HttpMessageInvoker invoker, Uri origin, bool recording, Action<string> log)
    {
        var incoming = context.Request;
        var aborted = context.RequestAborted;
        string what = $"{incoming.Method} {incoming.Path}{incoming.QueryString}";
        var sent = new StrongBox<long>();
        try
        {
            await ForwardAsync(context, invoker, origin, recording, what, sent, log).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException && aborted.IsCancellationRequested)
        {
            // Nobody is left to answer. (A recorded stream disposed at the hang-up throws ObjectDisposedException
            // to a read that comes after it.) The stream is disposed on the way out, which is all it needs.
            log($"{what}: the client hung up after {sent.Value} body bytes");
        }
    }

    /// <summary>Answers one request, counting the response body bytes sent in <paramref name="sent"/>.</summary>
    private static async Task ForwardAsync(HttpContext context, HttpMessageInvoker invoker, Uri origin, bool recording, string what, StrongBox<long> sent, Action<string> log)
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
                || (recording && name.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase)))
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
            log($"{what} -> no match ({MismatchStatus})");
            log(e.Message);
            context.Response.StatusCode = MismatchStatus;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers[MismatchHeader] = "true";
            await context.Response.WriteAsync(e.Message, aborted).ConfigureAwait(false);
            return;
        }
        catch (HttpRequestException e)
        {
            log($"{what} -> upstream failed: {e.Message}");
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (response)
        {
            log($"{what} -> {(int)response.StatusCode}");
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

            // A replayed stream is cancelled the moment its client hangs up. A recorded one is
            // disposed instead, even with a read in flight: the recorder's rule is that a body
            // disposed early is drained to its end and recorded whole (a cancelled read would be
            // dropped), so what the upstream was paid to answer still reaches the cassette.
            var reading = recording ? CancellationToken.None : aborted;
            var stream = await response.Content.ReadAsStreamAsync(reading).ConfigureAwait(false);
            await using var streamScope = stream.ConfigureAwait(false);
            using var hangUp = recording ? aborted.Register(stream.Dispose) : default;
            byte[] buffer = new byte[16 * 1024];
            while (true)
            {
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer, reading).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or IOException && !aborted.IsCancellationRequested)
                {
                    // The upstream broke off mid-stream: end the connection without the final
                    // chunk, so the client sees a cut-short response rather than a complete one.
                    log($"{what}: the upstream failed after {sent.Value} body bytes: {e.Message}");
                    context.Abort();
                    return;
                }

                if (read == 0)
                {
                    return;
                }

                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                sent.Value += read;
            }
        }
    }
}
