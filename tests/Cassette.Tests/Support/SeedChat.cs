using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

// ChatCompletionOptions.Patch is marked experimental; it is the SDK's own way to send the
// OpenRouter fields the recorded requests carry, which is exactly what the seeds need.
#pragma warning disable SCME0001

namespace Cassette.Tests.Support;

/// <summary>
/// The conversation the seed cassettes recorded, rebuilt with the official OpenAI .NET SDK: the
/// same model, messages and <c>weather</c> tool, and the OpenRouter fields the Go client sent.
/// </summary>
internal static class SeedChat
{
    public const string Model = "moonshotai/kimi-k2-0905";
    public const string SystemPrompt = "You are a helpful assistant";
    public const string StreamingQuestion = "What's the weather in Florence,Italy?";
    public const string PlainQuestion = "What's the weather in Florence?";
    public const string ToolResult = "40 C";

    public static readonly Uri Endpoint = new("https://openrouter.ai/api/v1");

    public static ChatClient CreateClient(HttpClient httpClient) => new(
        Model,
        new ApiKeyCredential("sk-or-replay-needs-no-key"),
        new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            Transport = new HttpClientPipelineTransport(httpClient),
            // A retried request would consume the next recorded interaction.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    public static ChatTool WeatherTool() => ChatTool.CreateFunctionTool(
        "weather",
        "Get weather information for a location",
        BinaryData.FromString("""{"properties":{"location":{"description":"the city","type":"string"}},"required":["location"],"type":"object"}"""),
        functionSchemaIsStrict: false);

    /// <summary>The options of a streamed seed: <c>provider.only</c> named in the file name, usage, 4000 max tokens.</summary>
    public static ChatCompletionOptions StreamingOptions(string seedPath)
    {
        string provider = Path.GetFileNameWithoutExtension(seedPath)["tool_streaming_kimi-k2_".Length..];
        var options = Options();
        options.Patch.Set("$.provider"u8, BinaryData.FromString($$"""{"only":["{{provider}}"]}"""));
        options.Patch.Set("$.max_tokens"u8, BinaryData.FromString("4000"));
        return options;
    }

    /// <summary>The options of <c>openrouter-kimi-k2.yaml</c>: usage only.</summary>
    public static ChatCompletionOptions PlainOptions() => Options();

    public static List<ChatMessage> FirstTurn(string question) =>
    [
        new SystemChatMessage(SystemPrompt),
        new UserChatMessage(question),
    ];

    /// <summary>The second turn: the first turn, the assistant's tool call (with its text, if any) and the tool's result.</summary>
    public static List<ChatMessage> SecondTurn(string question, string assistantText, ChatToolCall toolCall)
    {
        var assistant = new AssistantChatMessage([toolCall]);
        if (assistantText.Length > 0)
        {
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(assistantText));
        }

        var messages = FirstTurn(question);
        messages.Add(assistant);
        messages.Add(new ToolChatMessage(toolCall.Id, ToolResult));
        return messages;
    }

    private static ChatCompletionOptions Options()
    {
        var options = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateAutoChoice() };
        options.Tools.Add(WeatherTool());
        options.Patch.Set("$.usage"u8, BinaryData.FromString("""{"include":true}"""));
        return options;
    }
}
