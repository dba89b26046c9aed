using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cassette.Tests.Support;

namespace Cassette.Tests.Replay;

/// <summary>Every interaction of every real-world cassette, replayed through a plain <see cref="HttpClient"/>.</summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> CorpusFiles() => new(Fixtures.CorpusFiles.Select(Fixtures.Relative));

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task SendAsync_EveryRecordedRequestWithKeysReordered_GetsItsRecordedResponse(string relative)
    {
        var cassette = CassetteFile.Load(Fixtures.FromRelative(relative));
        using var handler = new ReplayingHandler(cassette);
        using var http = new HttpClient(handler);
        var ct = TestContext.Current.CancellationToken;

        foreach (var interaction in cassette.Interactions)
        {
            using var request = ToHttpRequest(interaction.Request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            byte[] body = await response.Content.ReadAsByteArrayAsync(ct);

            var recorded = interaction.Response;
            Assert.Equal(recorded.Code, (int)response.StatusCode);
            Assert.Equal(recorded.Status, $"{recorded.Code} {response.ReasonPhrase}");
            Assert.Equal(new Version(recorded.ProtoMajor, recorded.ProtoMinor), response.Version);
            Assert.Same(request, response.RequestMessage);
            Assert.True(recorded.Body.Span.SequenceEqual(body), $"The body of a response to {interaction.Request.Url} differs from the recording.");
            foreach (var (name, values) in recorded.Headers)
            {
                if (name == "Content-Length" || (recorded.Uncompressed && name == "Content-Encoding"))
                {
                    continue;
                }

                Assert.Equal(values, HeaderValues(response, name));
            }

            if (recorded.ContentLength < 0)
            {
                Assert.Null(response.Content.Headers.ContentLength);
            }

            if (recorded.Uncompressed)
            {
                Assert.Empty(response.Content.Headers.ContentEncoding);
            }
        }

        handler.VerifyAllPlayed();
    }

    private static List<string> HeaderValues(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values)
            || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? [.. values]
            : [];

    private static HttpRequestMessage ToHttpRequest(RecordedRequest recorded)
    {
        var request = new HttpRequestMessage(new HttpMethod(recorded.Method), recorded.Url);
        if (!recorded.Body.IsEmpty)
        {
            request.Content = new ByteArrayContent(ReorderKeys(recorded.Body));
            foreach (var (name, values) in recorded.Headers)
            {
                if (name == "Content-Type")
                {
                    request.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }
        }

        return request;
    }

    /// <summary>The same JSON value with every object's keys in reverse order; other bodies as they are.</summary>
    private static byte[] ReorderKeys(ReadOnlyMemory<byte> body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body.Span);
        }
        catch (JsonException)
        {
            return body.ToArray();
        }

        string reordered = Reverse(node)?.ToJsonString() ?? "null";
        Assert.NotEqual(Encoding.UTF8.GetString(body.Span), reordered);
        return Encoding.UTF8.GetBytes(reordered);
    }

    private static JsonNode? Reverse(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reverse(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Reverse)]),
        _ => node?.DeepClone(),
    };
}
