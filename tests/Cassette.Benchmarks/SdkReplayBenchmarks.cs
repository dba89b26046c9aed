using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Cassette.Tests.Support;
using OpenAI.Chat;

namespace Cassette.Benchmarks;

/// <summary>
/// A chat completion as a test makes it: the official OpenAI .NET SDK sends the recorded
/// conversation's first turn (the SDK orders the JSON keys differently from the recording) and
/// parses the answer, replayed by <see cref="ReplayingHandler"/> against a bare handler that
/// returns the same bytes from memory.
/// </summary>
// BenchmarkDotNet owns the instance and calls [GlobalCleanup], which disposes the clients.
#pragma warning disable CA1001
[MemoryDiagnoser]
public class SdkReplayBenchmarks
{
    private HttpClient _replayHttp = null!;
    private HttpClient _bareHttp = null!;
    private ChatClient _replay = null!;
    private ChatClient _bare = null!;
    private List<ChatMessage> _messages = null!;
    private ChatCompletionOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cassette = CassetteFile.Load(ReplayBenchmarks.Seed("openrouter-kimi-k2.yaml"));
        _replayHttp = new HttpClient(new ReplayingHandler(cassette, new ReplayOptions { AllowRepeats = true }));
        _bareHttp = new HttpClient(new BareHandler(cassette.Interactions[0].Response.Body));
        _replay = SeedChat.CreateClient(_replayHttp);
        _bare = SeedChat.CreateClient(_bareHttp);
        _messages = SeedChat.FirstTurn(SeedChat.PlainQuestion);
        _options = SeedChat.PlainOptions();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _replayHttp.Dispose();
        _bareHttp.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Bare() => (await _bare.CompleteChatAsync(_messages, _options)).Value.ToolCalls.Count;

    [Benchmark]
    public async Task<int> Replay() => (await _replay.CompleteChatAsync(_messages, _options)).Value.ToolCalls.Count;

    private sealed class BareHandler(ReadOnlyMemory<byte> body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content });
        }
    }
}
