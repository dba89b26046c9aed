using System.Text;
using Cassette.Cli.Serving;
using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

/// <summary>
/// Many streaming clients at once against <c>cassette serve</c>'s server on loopback. The tests
/// assert correctness only (every byte of every stream); the figures go to the test output.
/// </summary>
[Trait("Category", "Stress")]
public sealed class CassetteServerLoadTests
{
    private const int Clients = 200;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_200ClientsMidStreamAtOnce_EachGetsItsWholeStream()
    {
        var cassette = CassetteFile.Load(Fixtures.Seed(SeedVariants.Chutes));
        var recorded = cassette.Interactions[0];
        int events = Encoding.UTF8.GetString(recorded.Response.Body.Span).Split("\n\n").Length - 1;
        var clock = new ManualClock();
        using var handler = new ReplayingHandler(ServedCassettes.Merge([cassette]), new ReplayOptions { AllowRepeats = true, Pacing = ReplayPacing.SpreadOverEvents, TimeProvider = clock });
        var log = new WaitableLog();
        await using var server = await CassetteServer.StartAsync(handler, ServedCassettes.Origin, 0, log, cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.Address };

        var bodies = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/completions") { Content = new ReadOnlyMemoryContent(recorded.Request.Body) };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            return await response.Content.ReadAsByteArrayAsync(Ct);
        }, Ct)).ToList();

        // Each paced event is a timer; 200 pending timers are 200 streams open in the server at
        // once, each waiting for the same event. The clock lets them all go a step at a time.
        for (int step = 0; step < events; step++)
        {
            await clock.WaitForTimersAsync(Clients);
            Assert.Equal(Clients, clock.PendingTimers);
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        byte[] whole = recorded.Response.Body.ToArray();
        Assert.All(await Task.WhenAll(bodies), body => Assert.Equal(whole, body));
        Assert.Equal(Clients, log.Lines.Count(l => l.EndsWith("-> 200", StringComparison.Ordinal)));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_200ClientsReplayingStreamsOverAndOver_EveryByteArrives()
    {
        const int RequestsPerClient = 20;
        var cassettes = Fixtures.StreamingSeeds.Select(CassetteFile.Load).ToList();
        var exchanges = ServeLoad.Exchanges(cassettes);
        using var handler = new ReplayingHandler(ServedCassettes.Merge(cassettes), new ReplayOptions { AllowRepeats = true });
        var log = new WaitableLog();
        await using var server = await CassetteServer.StartAsync(handler, ServedCassettes.Origin, 0, log, cancellationToken: Ct);
        using var client = new HttpClient { BaseAddress = server.Address };

        var result = await ServeLoad.RunAsync(client, exchanges, Clients, RequestsPerClient, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(result.Summary);
        Assert.Empty(result.Failures);
        Assert.Equal(Clients * RequestsPerClient, log.Lines.Count(l => l.EndsWith("-> 200", StringComparison.Ordinal)));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal));
    }
}
