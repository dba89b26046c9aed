// Replays a recorded OpenRouter conversation through the official OpenAI .NET SDK, with no
// network: a weather tool call, the tool's result, then the model's final answer, each streamed
// event by event at the pace it was recorded.
//
//   dotnet run --project samples/ReplayChat                  (the "chutes" recording)
//   dotnet run --project samples/ReplayChat -- deepinfra     (fireworks, moonshotai, ...)
//   dotnet run --project samples/ReplayChat -- --fast        (no pacing)
//   dotnet run --project samples/ReplayChat -- --help

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Cassette;
using OpenAI;
using OpenAI.Chat;

// ChatCompletionOptions.Patch is marked experimental; it is the SDK's way to send the OpenRouter
// fields (provider, usage, max_tokens) the recorded requests carry.
#pragma warning disable SCME0001

const string Usage = """
    Replays a recorded OpenRouter conversation through the OpenAI .NET SDK, with no network.

    Usage: dotnet run --project samples/ReplayChat -- [PROVIDER] [--fast]
      PROVIDER  which recording to replay: chutes (the default), deepinfra, fireworks or moonshotai
      --fast    no pacing: every event as soon as it is asked for
      --help    show this text
    """;

Console.OutputEncoding = Encoding.UTF8;
bool fast = false;
string? provider = null;
foreach (string arg in args)
{
    if (arg is "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (arg == "--fast")
    {
        fast = true;
    }
    else if (arg.StartsWith('-') || provider is not null)
    {
        Console.Error.WriteLine($"Unknown argument \"{arg}\".");
        Console.Error.WriteLine(Usage);
        return 2;
    }
    else
    {
        provider = arg;
    }
}

provider ??= "chutes";
string path = Path.Combine(AppContext.BaseDirectory, "cassettes", $"tool_streaming_kimi-k2_{provider}.yaml");
if (!File.Exists(path))
{
    Console.Error.WriteLine($"There is no recording for provider \"{provider}\". Try chutes, deepinfra, fireworks or moonshotai.");
    return 2;
}

var replaying = new ReplayingHandler(
    CassetteFile.Load(path),
    new ReplayOptions { Pacing = fast ? ReplayPacing.None : ReplayPacing.SpreadOverEvents });
using var http = new HttpClient(replaying);
var chat = new ChatClient(
    "moonshotai/kimi-k2-0905",
    new ApiKeyCredential("no key needed to replay"),
    new OpenAIClientOptions
    {
        Endpoint = new Uri("https://openrouter.ai/api/v1"),
        Transport = new HttpClientPipelineTransport(http),
    });

var options = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateAutoChoice() };
options.Tools.Add(ChatTool.CreateFunctionTool(
    "weather",
    "Get weather information for a location",
    BinaryData.FromString("""{"properties":{"location":{"description":"the city","type":"string"}},"required":["location"],"type":"object"}"""),
    functionSchemaIsStrict: false));
options.Patch.Set("$.provider"u8, BinaryData.FromString($$"""{"only":["{{provider}}"]}"""));
options.Patch.Set("$.usage"u8, BinaryData.FromString("""{"include":true}"""));
options.Patch.Set("$.max_tokens"u8, BinaryData.FromString("4000"));

Console.WriteLine($"Replaying {Path.GetFileName(path)} through the OpenAI .NET SDK (no network).");
Console.WriteLine();
List<ChatMessage> messages = [
    new SystemChatMessage("You are a helpful assistant"),
    new UserChatMessage("What's the weather in Florence,Italy?"),
];
Print("system", "You are a helpful assistant");
Print("user", "What's the weather in Florence,Italy?");

while (true)
{
    var text = new StringBuilder();
    var calls = new Dictionary<int, (string Id, string Name, StringBuilder Arguments)>();
    Console.Write("assistant  ");
    await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
    {
        foreach (var part in update.ContentUpdate)
        {
            text.Append(part.Text);
            Console.Write(part.Text);
        }

        foreach (var call in update.ToolCallUpdates)
        {
            if (!calls.TryGetValue(call.Index, out var entry))
            {
                Console.Write($"{(text.Length > 0 ? "\n           " : "")}calls {call.FunctionName}(");
                calls[call.Index] = entry = (call.ToolCallId, call.FunctionName, new StringBuilder());
            }

            string arguments = call.FunctionArgumentsUpdate?.ToString() ?? "";
            entry.Arguments.Append(arguments);
            Console.Write(arguments);
        }
    }

    Console.WriteLine(calls.Count > 0 ? ")" : "");
    if (calls.Count == 0)
    {
        break;
    }

    var toolCalls = calls.Values
        .Select(c => ChatToolCall.CreateFunctionToolCall(c.Id, c.Name, BinaryData.FromString(c.Arguments.ToString())))
        .ToList();
    var assistant = new AssistantChatMessage(toolCalls);
    if (text.Length > 0)
    {
        assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text.ToString()));
    }

    messages.Add(assistant);
    foreach (var call in toolCalls)
    {
        // The recorded tool answered "40 C"; a real application would call its weather service here.
        messages.Add(new ToolChatMessage(call.Id, "40 C"));
        Print($"tool", $"{call.FunctionName} [{call.Id}] → 40 C");
    }
}

Console.WriteLine();
try
{
    replaying.VerifyAllPlayed();
}
catch (CassetteUnplayedException e)
{
    // The conversation ended before every recorded request was sent: the replay is incomplete.
    Console.Error.WriteLine(e.Message);
    return 1;
}

Console.WriteLine("Every recorded interaction was played.");
return 0;

static void Print(string role, string text) => Console.WriteLine($"{role,-10} {text}");
