using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cassette.Tests.Support;

/// <summary>
/// An in-process server that answers like an OpenAI-compatible chat completions API: JSON
/// completions, and Server-Sent Events streams with tool calls whose events can be held back
/// one by one. Served by TestHost, or by Kestrel on 127.0.0.1 for synchronous calls and real
/// sockets (chunked transfer, gzip with automatic decompression).
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public const string Model = "fake-model";

    private readonly WebApplication _app;
    private readonly bool _kestrel;

    private FakeUpstream(WebApplication app, bool kestrel)
    {
        _app = app;
        _kestrel = kestrel;
    }

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Awaited after a request arrives and before its response starts.</summary>
    public Func<ReceivedRequest, Task>? BeforeResponse { get; set; }

    /// <summary>Awaited before the stream writes event <c>i</c> (0-based; the last is <c>[DONE]</c>).</summary>
    public Func<int, Task>? BeforeEvent { get; set; }

    /// <summary>When set, the stream aborts the connection after this many events.</summary>
    public int? AbortAfterEvents { get; set; }

    /// <summary>Compress JSON responses with gzip.</summary>
    public bool Gzip { get; set; }

    /// <summary>Replaces the whole API when set.</summary>
    public Func<HttpContext, Task>? Handler { get; set; }

    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    public static async Task<FakeUpstream> StartAsync(bool kestrel = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (kestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var app = builder.Build();
        var upstream = new FakeUpstream(app, kestrel);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        if (kestrel)
        {
            string address = app.Services.GetService<IServer>()!.Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            upstream.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        }

        return upstream;
    }

    /// <summary>A handler that reaches this server: TestHost's, or a fresh <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler CreateHandler(bool decompress = false) =>
        _kestrel
            ? new SocketsHttpHandler { AutomaticDecompression = decompress ? System.Net.DecompressionMethods.All : System.Net.DecompressionMethods.None }
            : ((TestServer)_app.Services.GetService<IServer>()!).CreateHandler();

    public Uri Url(string relative) => new(BaseAddress, relative);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static IReadOnlyList<string> ToolCallEvents { get; } =
    [
        Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}"""),
        Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]}"""),
        Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Florence, Italy\"}"}}]}"""),
        Chunk("{}", finishReason: "tool_calls"),
    ];

    public static IReadOnlyList<string> AnswerEvents { get; } =
    [
        Chunk("""{"role":"assistant","content":"The weather"}"""),
        Chunk("""{"content":" in Florence"}"""),
        Chunk("""{"content":" is sunny, 24°C."}"""),
        Chunk("{}", finishReason: "stop"),
    ];

    public const string AnswerText = "The weather in Florence is sunny, 24°C.";

    /// <summary>The body of a stream made of <paramref name="events"/>, as this server writes it.</summary>
    public static string SseBody(IEnumerable<string> events) =>
        string.Concat(events.Select(e => $"data: {e}\n\n")) + "data: [DONE]\n\n";

    public static string Completion(string content) =>
        """{"id":"chatcmpl-2","object":"chat.completion","created":1700000000,"model":"fake-model","choices":[{"index":0,"message":{"role":"assistant","content":"""
        + JsonValue.Create(content).ToJsonString()
        + """},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}""";

    /// <summary>A completion that calls <c>get_weather</c> for Florence, Italy, as the chat completions API answers it.</summary>
    public const string ToolCallCompletion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"fake-model","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Florence, Italy\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":20,"completion_tokens":15,"total_tokens":35}}""";

    /// <summary>
    /// An unstreamed chat as the API answers a request with tools: <see cref="ToolCallCompletion"/>
    /// first, the answer once a tool's result is in the messages. Set as <see cref="Handler"/>.
    /// </summary>
    public Task ToolCallFirstAsync(HttpContext context)
    {
        bool toolAnswered = JsonNode.Parse(Received.Last().Body)!["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
        context.Response.ContentType = "application/json";
        return WriteJsonAsync(context, toolAnswered ? Completion(AnswerText) : ToolCallCompletion);
    }

    private static string Chunk(string delta, string? finishReason = null) =>
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"{{Model}}","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finishReason is null ? "null" : $"\"{finishReason}\"")}}}]}""";

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var received = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        Received.Enqueue(received);
        if (BeforeResponse is { } before)
        {
            await before(received);
        }

        if (Handler is { } handler)
        {
            await handler(context);
            return;
        }

        if (context.Request.Path == "/v1/chat/completions")
        {
            await ChatAsync(context, received);
            return;
        }

        context.Response.ContentType = "application/json";
        await WriteJsonAsync(context, $$"""{"method":"{{received.Method}}","target":{{JsonValue.Create(received.Target).ToJsonString()}},"length":{{received.Body.Length}}}""");
    }

    private async Task ChatAsync(HttpContext context, ReceivedRequest received)
    {
        var request = JsonNode.Parse(received.Body)!;
        var messages = request["messages"]!.AsArray();
        bool toolAnswered = messages.Any(m => (string?)m!["role"] == "tool");
        bool wantsTool = request["tools"] is JsonArray { Count: > 0 } && !toolAnswered;
        context.Response.Headers["Set-Cookie"] = "session=s3cr3t-cookie; Path=/; HttpOnly";
        context.Response.Headers["X-Request-Id"] = "req-" + Received.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(context, wantsTool ? ToolCallEvents : AnswerEvents);
            return;
        }

        context.Response.ContentType = "application/json";
        await WriteJsonAsync(context, Completion(AnswerText));
    }

    private async Task StreamAsync(HttpContext context, IReadOnlyList<string> events)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();
        var all = events.Append("[DONE]").ToArray();
        for (int i = 0; i < all.Length; i++)
        {
            if (AbortAfterEvents == i)
            {
                context.Abort();
                return;
            }

            if (BeforeEvent is { } gate)
            {
                await gate(i);
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {all[i]}\n\n"));
            await context.Response.Body.FlushAsync();
        }
    }

    private async Task WriteJsonAsync(HttpContext context, string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        if (Gzip)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            bytes = compressed.ToArray();
            context.Response.Headers.ContentEncoding = "gzip";
        }

        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);
}
