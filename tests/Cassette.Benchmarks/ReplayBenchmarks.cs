using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Cassette.Benchmarks;

/// <summary>
/// One recorded chat completion through <see cref="HttpClient"/>: replayed by
/// <see cref="ReplayingHandler"/> (capture, JSON canonicalization, index lookup, response) against
/// a bare handler that returns the same bytes from memory. Plain JSON and streamed (SSE) bodies.
/// </summary>
// BenchmarkDotNet owns the instance and calls [GlobalCleanup], which disposes the clients.
#pragma warning disable CA1001
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private HttpClient _replayPlain = null!;
    private HttpClient _barePlain = null!;
    private HttpClient _replayStream = null!;
    private HttpClient _bareStream = null!;
    private Interaction _plain = null!;
    private Interaction _stream = null!;
    private Interaction _plainReordered = null!;

    [GlobalSetup]
    public void Setup()
    {
        var plain = CassetteFile.Load(Seed("openrouter-kimi-k2.yaml"));
        var stream = CassetteFile.Load(Seed("tool_streaming_kimi-k2_chutes.yaml"));
        _plain = plain.Interactions[0];
        _stream = stream.Interactions[0];

        // What the .NET SDK sends: the same JSON value with keys in another order, so the body
        // has to be canonicalized rather than recognized byte for byte.
        var reordered = System.Text.Json.Nodes.JsonNode.Parse(_plain.Request.Body.Span)!.AsObject();
        var reversed = new System.Text.Json.Nodes.JsonObject(reordered.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        _plainReordered = _plain with { Request = _plain.Request with { Body = Encoding.UTF8.GetBytes(reversed.ToJsonString()) } };
        var options = new ReplayOptions { AllowRepeats = true };
        _replayPlain = new HttpClient(new ReplayingHandler(plain, options));
        _replayStream = new HttpClient(new ReplayingHandler(stream, options));
        _barePlain = new HttpClient(new BareHandler(_plain.Response.Body, "application/json"));
        _bareStream = new HttpClient(new BareHandler(_stream.Response.Body, "text/event-stream"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _replayPlain.Dispose();
        _replayStream.Dispose();
        _barePlain.Dispose();
        _bareStream.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<int> BarePlain() => SendAsync(_barePlain, _plain);

    [Benchmark]
    public Task<int> ReplayPlain() => SendAsync(_replayPlain, _plain);

    [Benchmark]
    public Task<int> ReplayPlainKeysReordered() => SendAsync(_replayPlain, _plainReordered);

    [Benchmark]
    public Task<int> BareStream() => SendAsync(_bareStream, _stream);

    [Benchmark]
    public Task<int> ReplayStream() => SendAsync(_replayStream, _stream);

    internal static async Task<int> SendAsync(HttpClient http, Interaction interaction)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, interaction.Request.Url)
        {
            Content = new ReadOnlyMemoryContent(interaction.Request.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        return body.Length;
    }

    internal static string Seed(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "fixtures", "openrouter", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"Could not find fixtures/openrouter/{name} above {AppContext.BaseDirectory}; run from the repository.");
    }

    private sealed class BareHandler(ReadOnlyMemory<byte> body, string contentType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content });
        }
    }
}
