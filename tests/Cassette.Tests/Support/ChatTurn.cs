using Microsoft.Extensions.AI;

namespace Cassette.Tests.Support;

/// <summary>One question to an <see cref="IChatClient"/>, answered whole or streamed and put together as a user does.</summary>
internal static class ChatTurn
{
    public static async Task<ChatResponse> AskAsync(IChatClient client, string question, ChatOptions options, bool streaming, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.User, question)];
        if (!streaming)
        {
            return await client.GetResponseAsync(messages, options, cancellationToken);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }
}
