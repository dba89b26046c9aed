using Microsoft.Extensions.AI;
using OllamaSharp;

namespace Cassette.Tests.Support;

/// <summary>
/// OllamaSharp's <see cref="IChatClient"/> with Microsoft.Extensions.AI's function invocation,
/// unstreamed: the weather in Paris asked with <c>get_weather</c> as a tool. OllamaSharp makes up
/// a CallId for the tool call and sends it back inside the tool message's content.
/// </summary>
internal static class OllamaSharpToolLoop
{
    /// <summary>Where the recordings reach Ollama (TestHost's address).</summary>
    public static Uri BaseAddress { get; } = new("http://localhost/");

    public static async Task<(ChatResponse Response, List<string> Cities)> AskAsync(HttpClient http)
    {
        var cities = new List<string>();
        using var ollama = new OllamaApiClient(http, "llama3.2");
        using var chat = new ChatClientBuilder(ollama).UseFunctionInvocation().Build();
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => { cities.Add(city); return "40 C"; }, "get_weather", "The temperature in a city.")],
        };

        var response = await chat.GetResponseAsync("Weather in Paris?", options, TestContext.Current.CancellationToken);
        return (response, cities);
    }

    /// <summary>Records the conversation with <paramref name="upstream"/> into a new cassette at <paramref name="path"/>.</summary>
    public static async Task<(ChatResponse Response, List<string> Cities)> RecordAsync(string path, HttpMessageHandler upstream)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record });
        using var http = session.CreateHttpClient(upstream);
        http.BaseAddress = BaseAddress;
        return await AskAsync(http);
    }
}
