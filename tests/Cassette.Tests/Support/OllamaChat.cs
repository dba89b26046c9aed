namespace Cassette.Tests.Support;

/// <summary>
/// A streamed chat as Ollama's <c>/api/chat</c> answers it (<c>application/x-ndjson</c>, one JSON
/// object a line): text pieces, a tool call, then the closing line with the done reason, the
/// token counts and the timings in nanoseconds.
/// </summary>
internal static class OllamaChat
{
    public const string Url = "http://localhost:11434/api/chat";

    public const string Request =
        """{"model":"llama3.2","messages":[{"role":"user","content":"What is the weather in Paris?"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}}}],"stream":true}""";

    public const string ToolCallLine =
        """{"model":"llama3.2","created_at":"2025-01-15T10:00:00.412345678Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris","unit":"celsius"}}}]},"done":false}""";

    public const string Text = "Let me check the weather in Paris.";

    public static IReadOnlyList<string> Lines { get; } =
    [
        """{"model":"llama3.2","created_at":"2025-01-15T10:00:00.101234567Z","message":{"role":"assistant","content":"Let"},"done":false}""",
        """{"model":"llama3.2","created_at":"2025-01-15T10:00:00.203456789Z","message":{"role":"assistant","content":" me check"},"done":false}""",
        """{"model":"llama3.2","created_at":"2025-01-15T10:00:00.305678901Z","message":{"role":"assistant","content":" the weather in Paris."},"done":false}""",
        ToolCallLine,
        """{"model":"llama3.2","created_at":"2025-01-15T10:00:00.498765432Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":1523456789,"load_duration":12345678,"prompt_eval_count":26,"prompt_eval_duration":234567890,"eval_count":17,"eval_duration":987654321}""",
    ];

    /// <summary>The whole response body: each line ends in <c>\n</c>.</summary>
    public static string Body => string.Concat(Lines.Select(l => l + "\n"));

    /// <summary>The chat as a recorded interaction (one second long), with <paramref name="body"/> in place of <see cref="Body"/> when given.</summary>
    public static Interaction Recorded(string? body = null)
    {
        var interaction = TestInteractions.Ndjson(Request, body ?? Body);
        return interaction with { Request = interaction.Request with { Url = Url } };
    }
}
