using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace Cassette.Benchmarks;

/// <summary>
/// The same chat request replayed from a cassette of 10 or 10,000 distinct interactions: recorded
/// bodies are canonicalized once, and the lookup goes through an index, so the cost per request
/// should not grow with the cassette.
/// </summary>
// BenchmarkDotNet owns the instance and calls [GlobalCleanup], which disposes the clients.
#pragma warning disable CA1001
[MemoryDiagnoser]
public class LookupBenchmarks
{
    private HttpClient _http = null!;
    private Interaction _target = null!;

    [Params(10, 10_000)]
    public int Interactions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var seed = CassetteFile.Load(ReplayBenchmarks.Seed("openrouter-kimi-k2.yaml")).Interactions[0];
        var template = JsonNode.Parse(seed.Request.Body.Span)!;
        var cassette = new CassetteFile();
        for (int i = 0; i < Interactions; i++)
        {
            template["messages"]![1]!["content"] = $"What's the weather in city number {i}?";
            byte[] body = Encoding.UTF8.GetBytes(template.ToJsonString());
            cassette.Add(seed with { Request = seed.Request with { Body = body, ContentLength = body.Length } });
        }

        _target = cassette.Interactions[Interactions / 2];
        _http = new HttpClient(new ReplayingHandler(cassette, new ReplayOptions { AllowRepeats = true }));
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark]
    public Task<int> Replay() => ReplayBenchmarks.SendAsync(_http, _target);
}
