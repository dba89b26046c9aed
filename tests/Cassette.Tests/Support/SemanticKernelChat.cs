using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Cassette.Tests.Support;

/// <summary>
/// A chat through Semantic Kernel's OpenAI connector with automatic function calling, through a
/// cassette: the kernel calls its <c>weather</c> plugin's <c>get_weather</c> from the model's tool call.
/// </summary>
internal static class SemanticKernelChat
{
    /// <summary>Asks the weather in Florence, streamed or not; returns the answer and the locations the plugin was asked about.</summary>
    public static async Task<(string Text, List<string> Locations)> RunAsync(string path, CassetteMode mode, HttpMessageHandler upstream, bool streaming)
    {
        var token = TestContext.Current.CancellationToken;
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
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel, token))
            {
                answer.Append(update.Content);
            }

            text = answer.ToString();
        }
        else
        {
            text = (await chat.GetChatMessageContentAsync(history, settings, kernel, token)).Content!;
        }

        session.VerifyAllPlayed();
        return (text, locations);
    }
}
