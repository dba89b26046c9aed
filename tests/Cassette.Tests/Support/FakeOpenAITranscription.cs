using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// OpenAI's audio transcription endpoint as documented: a multipart upload answered with the
/// transcript as JSON, and the request-id, timing and rate-limit headers made up afresh for
/// every response.
/// </summary>
internal sealed class FakeOpenAITranscription
{
    public string Text { get; init; } = "Hello from the fake upstream.";

    /// <summary>The body of every answer.</summary>
    public string Body => new JsonObject { ["text"] = Text }.ToJsonString();

    /// <summary>Answers every request <paramref name="upstream"/> receives.</summary>
    public FakeOpenAITranscription Serve(FakeUpstream upstream)
    {
        upstream.Handler = context =>
        {
            OpenAIResponseHeaders.Write(context.Response.Headers);
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(Body);
        };
        return this;
    }
}
