// Replays a recorded Claude conversation through the official Anthropic .NET SDK, with no
// network: the model calls a weather tool, gets its result, then answers — each streamed event
// by event at the pace it was recorded. With --thinking, the recording where Claude thinks
// first: the thinking block and its signature go back to the model with the tool's result.
//
//   dotnet run --project samples/ReplayAnthropic
//   dotnet run --project samples/ReplayAnthropic -- --thinking
//   dotnet run --project samples/ReplayAnthropic -- --fast       (no pacing)
//   dotnet run --project samples/ReplayAnthropic -- --help

using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Cassette;

const string Usage = """
    Replays a recorded Claude conversation through the Anthropic .NET SDK, with no network.

    Usage: dotnet run --project samples/ReplayAnthropic -- [--thinking] [--fast]
      --thinking  the recording with extended thinking before the tool call
      --fast      no pacing: every event as soon as it is asked for
      --help      show this text
    """;

Console.OutputEncoding = Encoding.UTF8;
bool fast = false, thinking = false;
foreach (string arg in args)
{
    switch (arg)
    {
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        case "--fast":
            fast = true;
            break;
        case "--thinking":
            thinking = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument \"{arg}\".");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

// The two recordings asked slightly different questions with different limits.
var (file, question, maxTokens) = thinking
    ? ("thinking-streaming.yaml", "What's the weather in Florence, Italy?", 4096)
    : ("tool_streaming.yaml", "What's the weather in Florence,Italy?", 4000);
string path = Path.Combine(AppContext.BaseDirectory, "cassettes", file);
var replaying = new ReplayingHandler(
    CassetteFile.Load(path),
    new ReplayOptions { Pacing = fast ? ReplayPacing.None : ReplayPacing.SpreadOverEvents });
using var http = new HttpClient(replaying);
var client = new AnthropicClient { ApiKey = "no key needed to replay", HttpClient = http, MaxRetries = 0 };

var weather = new Tool
{
    Name = "weather",
    Description = "Get weather information for a location",
    InputSchema = new InputSchema
    {
        Properties = new Dictionary<string, JsonElement>
        {
            ["location"] = JsonSerializer.SerializeToElement(new { description = "the city", type = "string" }),
        },
        Required = ["location"],
    },
};

Console.WriteLine($"Replaying {file} through the Anthropic .NET SDK (no network).");
Console.WriteLine();
Print("system", "You are a helpful assistant");
Print("user", question);
List<MessageParam> messages = [new UserMessageParam { Content = new List<ContentBlockParam> { new TextBlockParam { Text = question } } }];
while (true)
{
    var parameters = new MessageCreateParams
    {
        Model = "claude-sonnet-4-20250514",
        MaxTokens = maxTokens,
        System = new List<TextBlockParam> { new() { Text = "You are a helpful assistant" } },
        ToolChoice = new ToolChoiceAuto { DisableParallelToolUse = false },
        Tools = [weather],
        Messages = messages,
    };
    if (thinking)
    {
        parameters = parameters with { Thinking = new ThinkingConfigEnabled { BudgetTokens = 4000 } };
    }

    // Each content block of the answer as it streams in: thinking, text or a tool call.
    var blocks = new List<(string Kind, StringBuilder Text, string? Id, string? Name, StringBuilder Signature)>();
    string? stopReason = null;
    await foreach (var streamed in client.Messages.CreateStreaming(parameters))
    {
        if (streamed.TryPickContentBlockStart(out var start))
        {
            string kind = start.ContentBlock.Type.Raw();
            blocks.Add((kind, new StringBuilder(), start.ContentBlock.ID, start.ContentBlock.TryPickToolUse(out var use) ? use.Name : null, new StringBuilder()));
            Console.Write(kind switch { "thinking" => "thinking   ", "tool_use" => $"calls      {use!.Name}(", _ => "assistant  " });
        }
        else if (streamed.TryPickContentBlockDelta(out var delta))
        {
            var block = blocks[^1];
            string text = delta.Delta.TryPickText(out var t) ? t.Text
                : delta.Delta.TryPickThinking(out var th) ? th.Thinking
                : delta.Delta.TryPickInputJson(out var json) ? json.PartialJson
                : "";
            block.Text.Append(text);
            Console.Write(text);
            if (delta.Delta.TryPickSignature(out var signature))
            {
                block.Signature.Append(signature.Signature);
            }
        }
        else if (streamed.TryPickContentBlockStop(out _))
        {
            Console.WriteLine(blocks[^1].Kind == "tool_use" ? ")" : "");
        }
        else if (streamed.TryPickDelta(out var messageDelta))
        {
            stopReason = messageDelta.Delta.StopReason?.Raw();
        }
    }

    if (stopReason != "tool_use")
    {
        break;
    }

    // The assistant's turn goes back as it came — thinking with its signature, text, tool call —
    // followed by the tool's result. The recorded tool answered "40 C"; a real application would
    // call its weather service here.
    var assistant = new List<ContentBlockParam>();
    var results = new List<ContentBlockParam>();
    foreach (var block in blocks)
    {
        switch (block.Kind)
        {
            case "thinking":
                assistant.Add(new ThinkingBlockParam { Thinking = block.Text.ToString(), Signature = block.Signature.ToString() });
                break;
            case "text":
                assistant.Add(new TextBlockParam { Text = block.Text.ToString() });
                break;
            case "tool_use":
                assistant.Add(new ToolUseBlockParam
                {
                    ID = block.Id!,
                    Name = block.Name!,
                    Input = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(block.Text.ToString())!,
                });
                results.Add(new ToolResultBlockParam { ToolUseID = block.Id!, Content = new List<Block> { new TextBlockParam { Text = "40 C" } } });
                Print("tool", $"{block.Name} [{block.Id}] → 40 C");
                break;
        }
    }

    messages.Add(new AssistantMessageParam { Content = assistant });
    messages.Add(new UserMessageParam { Content = results });
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
