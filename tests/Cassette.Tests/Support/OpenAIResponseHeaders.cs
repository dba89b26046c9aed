using Microsoft.AspNetCore.Http;

namespace Cassette.Tests.Support;

/// <summary>The headers OpenAI's API answers with, the request id, timing and rate limits made up afresh each time.</summary>
internal static class OpenAIResponseHeaders
{
    public static void Write(IHeaderDictionary headers)
    {
        headers["x-request-id"] = "req_" + MadeUp.Hex(32);
        headers["openai-processing-ms"] = MadeUp.Text(150, 900);
        headers["openai-version"] = "2020-10-01";
        headers["x-ratelimit-remaining-requests"] = MadeUp.Text(9000, 9999);
        headers["x-ratelimit-remaining-tokens"] = MadeUp.Text(1_990_000, 1_999_999);
    }
}
