// Replays recorded OpenAI chat completions through Microsoft.Extensions.AI's IChatClient, with
// no network: the same code any IChatClient application runs, streamed update by update at the
// pace it was recorded, or as one response.
//
//   dotnet run --project samples/ReplayChatClient                 (gpt-5, streamed)
//   dotnet run --project samples/ReplayChatClient -- o4-mini
//   dotnet run --project samples/ReplayChatClient -- --whole      (GetResponseAsync, not streamed)
//   dotnet run --project samples/ReplayChatClient -- --help

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Cassette;
using Microsoft.Extensions.AI;
using OpenAI;

const string Usage = """
    Replays a recorded OpenAI chat through Microsoft.Extensions.AI's IChatClient, with no network.

    Usage: dotnet run --project samples/ReplayChatClient -- [MODEL] [--whole] [--fast]
      MODEL    which recording to replay: gpt-5 (the default) or o4-mini
      --whole  one response (GetResponseAsync) instead of a stream of updates
      --fast   no pacing: every update as soon as it is asked for
      --help   show this text
    """;

Console.OutputEncoding = Encoding.UTF8;
bool whole = false, fast = false;
string? model = null;
foreach (string arg in args)
{
    if (arg is "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (arg is "--whole" or "--fast")
    {
        whole |= arg == "--whole";
        fast |= arg == "--fast";
    }
    else if (arg.StartsWith('-') || model is not null)
    {
        Console.Error.WriteLine($"Unknown argument \"{arg}\".");
        Console.Error.WriteLine(Usage);
        return 2;
    }
    else
    {
        model = arg;
    }
}

model ??= "gpt-5";
string path = Path.Combine(AppContext.BaseDirectory, "cassettes", model, whole ? "simple.yaml" : "simple_streaming.yaml");
if (!File.Exists(path))
{
    Console.Error.WriteLine($"There is no recording for model \"{model}\". Try gpt-5 or o4-mini.");
    return 2;
}

var replaying = new ReplayingHandler(
    CassetteFile.Load(path),
    new ReplayOptions { Pacing = fast ? ReplayPacing.None : ReplayPacing.SpreadOverEvents });
using var http = new HttpClient(replaying);
IChatClient chat = new OpenAIClient(
        new ApiKeyCredential("no key needed to replay"),
        new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(http) })
    .GetChatClient(model)
    .AsIChatClient();

Console.WriteLine($"Replaying {model}/{Path.GetFileName(path)} through Microsoft.Extensions.AI (no network).");
Console.WriteLine();
List<ChatMessage> messages = [new(ChatRole.System, "You are a helpful assistant"), new(ChatRole.User, "Say hi in Portuguese")];
foreach (var message in messages)
{
    Console.WriteLine($"{message.Role,-10} {message.Text}");
}

var options = new ChatOptions { MaxOutputTokens = 4000 };
ChatResponse response;
Console.Write($"{ChatRole.Assistant,-10} ");
if (whole)
{
    response = await chat.GetResponseAsync(messages, options);
    Console.WriteLine(response.Text);
}
else
{
    var updates = new List<ChatResponseUpdate>();
    await foreach (var update in chat.GetStreamingResponseAsync(messages, options))
    {
        Console.Write(update.Text);
        updates.Add(update);
    }

    Console.WriteLine();
    response = updates.ToChatResponse();
}

Console.WriteLine($"{"",-10} finish: {response.FinishReason}, tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
Console.WriteLine();
try
{
    replaying.VerifyAllPlayed();
}
catch (CassetteUnplayedException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

Console.WriteLine("Every recorded interaction was played.");
return 0;
