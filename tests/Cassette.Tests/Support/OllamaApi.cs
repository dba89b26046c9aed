using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// Ollama's <c>/api/chat</c> and <c>/api/generate</c> as documented. A chat with tools and no
/// tool message yet gets a <c>get_weather</c> call; otherwise the answer. Streamed (the default)
/// as <c>application/x-ndjson</c>, one JSON object a line written and flushed on its own, the
/// last line with <c>done_reason</c>, the token counts and the <c>*_duration</c> timings;
/// unstreamed as one JSON object. Like Ollama, each line has its own <c>created_at</c> and each
/// answer its own timings.
/// </summary>
internal sealed class OllamaApi
{
    public const string Model = "llama3.2";

    public const string DefaultAnswer = "It is sunny in Paris, 24°C.";

    // The token ids a generate answer ends with (deprecated by Ollama, still sent).
    private static readonly long[] Context = [128006, 882, 128007, 271, 3923, 374, 279, 9282, 304, 12366, 30];

    public string Answer { get; init; } = DefaultAnswer;

    /// <summary>The location the tool call asks about.</summary>
    public string Location { get; init; } = "Paris";

    /// <summary>The <c>created_at</c> of the first line; each later line is a little later.</summary>
    public DateTimeOffset Started { get; init; } = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

    private int _lines;

    /// <summary>The number of words in the answer: one line each, and the answer's <c>eval_count</c>.</summary>
    public int AnswerTokens => Answer.Split(' ').Length;

    /// <summary>Answers <paramref name="requestBody"/>, a request to <c>/api/chat</c> or <c>/api/generate</c>.</summary>
    public async Task HandleAsync(HttpContext context, byte[] requestBody)
    {
        var request = JsonNode.Parse(requestBody)!;
        bool generate = context.Request.Path == "/api/generate";
        bool toolAnswered = !generate && request["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
        bool callTool = !generate && request["tools"] is JsonArray { Count: > 0 } && !toolAnswered;
        var lines = new List<JsonObject>();
        if (callTool)
        {
            var call = new JsonObject { ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = new JsonObject { ["location"] = Location } } };
            lines.Add(ChatLine("", new JsonArray(call)));
        }
        else
        {
            lines.AddRange(Words(Answer).Select(word => generate ? GenerateLine(word) : ChatLine(word)));
        }

        var done = generate ? GenerateLine("") : ChatLine("");
        done["done"] = true;
        done["done_reason"] = "stop";
        if (generate)
        {
            done["context"] = new JsonArray([.. Context.Select(t => JsonValue.Create(t))]);
        }

        done["total_duration"] = Random.Shared.NextInt64(800_000_000, 2_000_000_000);
        done["load_duration"] = Random.Shared.NextInt64(1_000_000, 20_000_000);
        done["prompt_eval_count"] = toolAnswered ? 57 : 26;
        done["prompt_eval_duration"] = Random.Shared.NextInt64(100_000_000, 300_000_000);
        done["eval_count"] = callTool ? 17 : AnswerTokens;
        done["eval_duration"] = Random.Shared.NextInt64(300_000_000, 900_000_000);

        if (request["stream"]?.GetValue<bool>() == false)
        {
            // Unstreamed, the done line carries the whole message.
            var whole = (JsonObject)done.DeepClone();
            if (!generate)
            {
                whole["message"] = callTool ? lines[0]["message"]!.DeepClone() : new JsonObject { ["role"] = "assistant", ["content"] = Answer };
            }
            else
            {
                whole["response"] = Answer;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(whole.ToJsonString());
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync();
        foreach (var line in lines.Append(done))
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString() + "\n"));
            await context.Response.Body.FlushAsync();
        }
    }

    private JsonObject ChatLine(string content, JsonArray? toolCalls = null)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (toolCalls is not null)
        {
            message["tool_calls"] = toolCalls;
        }

        return new JsonObject { ["model"] = Model, ["created_at"] = CreatedAt(), ["message"] = message, ["done"] = false };
    }

    private JsonObject GenerateLine(string response) =>
        new() { ["model"] = Model, ["created_at"] = CreatedAt(), ["response"] = response, ["done"] = false };

    // Ollama writes nanosecond timestamps; each line comes about 80 ms after the one before.
    private string CreatedAt() =>
        Started.AddTicks(800_000L * _lines++ + 12345).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Words(string text) => text.Split(' ').Select((w, i) => i == 0 ? w : " " + w);
}
