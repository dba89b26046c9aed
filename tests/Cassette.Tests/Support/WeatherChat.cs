using Microsoft.Extensions.AI;

namespace Cassette.Tests.Support;

/// <summary>
/// The conversation the <see cref="IChatClient"/> tests have through a cassette: the weather in
/// Florence asked with <c>get_weather</c> as a tool, the client's function invocation calling it.
/// </summary>
internal static class WeatherChat
{
    /// <summary>
    /// Has the conversation through the client <paramref name="chatClient"/> builds over the
    /// session's HttpClient (whose base address is <c>http://localhost/</c>), and checks that
    /// every recorded interaction was played.
    /// </summary>
    public static async Task<(ChatResponse Response, List<string> Locations)> RunAsync(
        string path, CassetteMode mode, HttpMessageHandler upstream, Func<HttpClient, IChatClient> chatClient, bool streaming)
    {
        var token = TestContext.Current.CancellationToken;
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        http.BaseAddress = new Uri("http://localhost/");
        var tool = new WeatherTool();
        using var client = chatClient(http).AsBuilder().UseFunctionInvocation().Build();
        var response = await ChatTurn.AskAsync(client, "What's the weather in Florence, Italy?", new ChatOptions { Tools = [tool.Function] }, streaming, token);
        session.VerifyAllPlayed();
        return (response, tool.Locations);
    }
}
