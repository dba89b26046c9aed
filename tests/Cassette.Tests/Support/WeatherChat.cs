using Microsoft.Extensions.AI;

namespace Cassette.Tests.Support;

/// <summary>
/// The conversation the <see cref="IChatClient"/> tests have through a cassette: the weather in
/// Florence asked with <c>get_weather</c> as a tool, the client's function invocation calling it.
/// </summary>
internal static class WeatherChat
{
    public static List<ChatMessage> Question() => [new(ChatRole.User, "What's the weather in Florence, Italy?")];

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
        var options = new ChatOptions { Tools = [tool.Function] };
        ChatResponse response;
        if (streaming)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(Question(), options, token))
            {
                updates.Add(update);
            }

            response = updates.ToChatResponse();
        }
        else
        {
            response = await client.GetResponseAsync(Question(), options, token);
        }

        session.VerifyAllPlayed();
        return (response, tool.Locations);
    }
}
