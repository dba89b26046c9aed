using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Cassette.Tests.Support;

/// <summary>
/// The agent a user builds with Microsoft Agent Framework: a <see cref="ChatClientAgent"/> over
/// the OpenAI SDK's chat completions as an <see cref="IChatClient"/>, with the <c>get_weather</c>
/// tool, asked about the weather in Florence.
/// </summary>
internal static class WeatherAgent
{
    public const string Question = "What's the weather in Florence, Italy?";

    public static ChatClientAgent Create(HttpClient http, WeatherTool tool) =>
        FakeChatClient.Over(http)
            .AsAIAgent(instructions: "You answer questions about the weather.", name: "weather-agent", tools: [tool.Function]);

    public static Task<AgentResponse> RunAsync(HttpClient http, WeatherTool tool, CancellationToken cancellationToken) =>
        Create(http, tool).RunAsync(Question, cancellationToken: cancellationToken);

    /// <summary>Runs the agent streamed, and adds the updates up into the response they make.</summary>
    public static async Task<AgentResponse> RunStreamingAsync(HttpClient http, WeatherTool tool, CancellationToken cancellationToken)
    {
        var updates = new List<AgentResponseUpdate>();
        await foreach (var update in Create(http, tool).RunStreamingAsync(Question, cancellationToken: cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToAgentResponse();
    }
}
