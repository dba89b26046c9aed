using System.Text;
using System.Text.Json.Nodes;
using Cassette.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Cassette.Tests.Clients;

/// <summary>
/// Semantic Kernel 1.82's OpenAI connector with automatic function calling: the kernel calls a
/// plugin function from the model's tool call, recorded from an OpenAI-compatible upstream, then
/// replayed with the upstream gone.
/// </summary>
public sealed class SemanticKernelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-sk-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The chat completions API, calling the tool by the name the kernel gave it ("weather-get_weather").
    private static Task ChatAsync(HttpContext context, byte[] body)
    {
        var request = JsonNode.Parse(body)!;
        bool toolAnswered = request["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
        string tool = (string)request["tools"]![0]!["function"]!["name"]!;
        if (request["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            var events = toolAnswered ? FakeUpstream.AnswerEvents : FakeUpstream.ToolCallEvents.Select(e => e.Replace("\"get_weather\"", $"\"{tool}\"", StringComparison.Ordinal));
            return context.Response.WriteAsync(FakeUpstream.SseBody(events));
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(toolAnswered
            ? FakeUpstream.Completion(FakeUpstream.AnswerText)
            : FakeUpstream.ToolCallCompletion.Replace("\"get_weather\"", $"\"{tool}\"", StringComparison.Ordinal));
    }

    private static async Task<(string Text, List<string> Locations)> RunAsync(string path, CassetteMode mode, HttpMessageHandler upstream, bool streaming)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var http = session.CreateHttpClient(upstream);
        var locations = new List<string>();
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion(FakeUpstream.Model, new Uri("http://localhost/v1"), "sk-test-not-a-real-key", httpClient: http);
        var kernel = builder.Build();
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod(
            (string location) =>
            {
                locations.Add(location);
                return "sunny, 24°C";
            },
            "get_weather",
            "Gets the weather for a location")]);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory();
        history.AddUserMessage("What's the weather in Florence, Italy?");
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        string text;
        if (streaming)
        {
            var answer = new StringBuilder();
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel, Token))
            {
                answer.Append(update.Content);
            }

            text = answer.ToString();
        }
        else
        {
            text = (await chat.GetChatMessageContentAsync(history, settings, kernel, Token)).Content!;
        }

        session.VerifyAllPlayed();
        return (text, locations);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AutomaticFunctionCalling_RecordedThenReplayedWithTheUpstreamGone(bool streaming)
    {
        string path = Path.Combine(_folder, "chat.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context => ChatAsync(context, upstream.Received.Last().Body);

        var recorded = await RunAsync(path, CassetteMode.Record, upstream.CreateHandler(), streaming);
        var replayed = await RunAsync(path, CassetteMode.Replay, new GoneUpstream(), streaming);

        Assert.Equal(FakeUpstream.AnswerText, recorded.Text);
        Assert.Equal(["Florence, Italy"], recorded.Locations);
        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(recorded.Locations, replayed.Locations);
        Assert.Equal(2, CassetteFile.Load(path).Interactions.Count);
    }
}
