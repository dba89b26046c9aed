using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>
/// OpenAI's embeddings endpoint as documented: one vector per input, with usage, and the
/// request-id, timing and rate-limit headers made up afresh for every response.
/// </summary>
internal sealed class FakeOpenAIEmbeddings
{
    public float[] Vector { get; init; } = [0.0023064255f, -0.009327292f, 0.015797347f];

    /// <summary>Answers every request <paramref name="upstream"/> receives.</summary>
    public FakeOpenAIEmbeddings Serve(FakeUpstream upstream)
    {
        upstream.Handler = AnswerAsync;
        return this;
    }

    private Task AnswerAsync(HttpContext context)
    {
        OpenAIResponseHeaders.Write(context.Response.Headers);
        context.Response.ContentType = "application/json";
        var embedding = new JsonArray([.. Vector.Select(v => JsonValue.Create(v))]);
        return context.Response.WriteAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["object"] = "embedding", ["index"] = 0, ["embedding"] = embedding }),
            ["model"] = "text-embedding-3-small",
            ["usage"] = new JsonObject { ["prompt_tokens"] = 8, ["total_tokens"] = 8 },
        }.ToJsonString());
    }
}
