using System.IO.Compression;
using System.Net;
using System.Text;
using static Cassette.Tests.Support.TestInteractions;

namespace Cassette.Tests.Replay;

/// <summary>
/// Requests a test suite really sends that are not tidy JSON: each matches as documented or gets
/// a mismatch report, never another exception.
/// </summary>
public sealed class ReplayOddRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_BodyThatIsNotJson_MatchesByTextWithLineEndingsNormalized()
    {
        var cassette = NewCassette(Post("a=1&b=2\nline two\n", "first"), Post("plain text", "second"));
        using var http = new HttpClient(new ReplayingHandler(cassette));

        using var first = await http.SendAsync(Request("a=1&b=2\r\nline two\r\n"), Ct);
        var mismatch = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(Request("plain  text"), Ct));

        Assert.Equal("first", await first.Content.ReadAsStringAsync(Ct));
        Assert.Contains("plain  text", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BodyThatIsInvalidUtf8_MatchesByteForByteOrReportsAMismatch()
    {
        byte[] recorded = [0x7B, 0xFF, 0xFE, 0x00, 0x7D];
        var interaction = Post("", "binary ok");
        interaction = interaction with { Request = interaction.Request with { Body = recorded, ContentLength = recorded.Length } };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction), new ReplayOptions { AllowRepeats = true }));

        using var same = await http.SendAsync(BytesRequest(recorded), Ct);
        var mismatch = await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(BytesRequest([0x7B, 0xFF, 0xFD, 0x00, 0x7D]), Ct));

        Assert.Equal("binary ok", await same.Content.ReadAsStringAsync(Ct));
        Assert.Contains(Url, mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EmptyBodyAndNoContent_MatchAnInteractionRecordedWithoutBody()
    {
        var get = Post("", "listed") with { Request = Post("", "").Request with { Method = "GET", ContentLength = 0 } };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(get, get)));

        using var noContent = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), Ct);
        using var emptyContent = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url) { Content = new ByteArrayContent([]) }, Ct);

        Assert.Equal("listed", await noContent.Content.ReadAsStringAsync(Ct));
        Assert.Equal("listed", await emptyContent.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    [Trait("Category", "Stress")]
    public async Task SendAsync_HugeJsonBody_MatchesByValueAndReportsAMismatchWithoutCrashing()
    {
        // 50 MB of JSON: a long array of objects, sent with its keys in another order.
        string recorded = HugeJson(keysReversed: false, lastValue: "end");
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post(recorded, "big ok"))));

        using var response = await http.SendAsync(Request(HugeJson(keysReversed: true, lastValue: "end")), Ct);
        var mismatch = await Assert.ThrowsAsync<CassetteMismatchException>(
            () => http.SendAsync(Request(HugeJson(keysReversed: false, lastValue: "END")), Ct));

        Assert.Equal("big ok", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("$.tail", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_GzipEncodedRequestBody_MatchesTheSameBytesAndReportsOthers()
    {
        byte[] gzipped = Gzip("""{"model":"gpt-4o","stream":true}""");
        var interaction = Post("", "gzip ok");
        interaction = interaction with { Request = interaction.Request with { Body = gzipped, ContentLength = gzipped.Length } };
        using var http = new HttpClient(new ReplayingHandler(NewCassette(interaction)));

        using var response = await http.SendAsync(BytesRequest(gzipped, gzip: true), Ct);
        var mismatch = await Assert.ThrowsAsync<CassetteMismatchException>(
            () => http.SendAsync(BytesRequest(Gzip("""{"model":"gpt-4o","stream":false}"""), gzip: true), Ct));

        Assert.Equal("gzip ok", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("CASSETTE_MODE=record", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RelativeUrlAgainstBaseAddress_MatchesTheRecordedAbsoluteUrl()
    {
        using var http = new HttpClient(new ReplayingHandler(NewCassette(Post("{}", "relative ok"))))
        {
            BaseAddress = new Uri("https://api.example.test/v1/"),
        };

        using var response = await http.PostAsync("chat/completions", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("relative ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_QueryParametersInAnotherOrder_Match()
    {
        var cassette = NewCassette(Post("{}", "query ok", url: Url + "?alt=sse&key=abc&key=def"));
        using var http = new HttpClient(new ReplayingHandler(cassette));

        using var response = await http.SendAsync(Request("{}", Url + "?key=abc&alt=sse&key=def"), Ct);

        Assert.Equal("query ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_RepeatedQueryParameterValuesReordered_DoNotMatch()
    {
        // The values of one parameter keep their order: ?key=def&key=abc is another request.
        var cassette = NewCassette(Post("{}", "query ok", url: Url + "?key=abc&key=def"));
        using var http = new HttpClient(new ReplayingHandler(cassette));

        await Assert.ThrowsAsync<CassetteMismatchException>(() => http.SendAsync(Request("{}", Url + "?key=def&key=abc"), Ct));
    }

    private static HttpRequestMessage BytesRequest(byte[] body, bool gzip = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string HugeJson(bool keysReversed, string lastValue)
    {
        var sb = new StringBuilder(52 << 20);
        sb.Append(keysReversed ? "{\"tail\":\"" + lastValue + "\",\"items\":[" : "{\"items\":[");
        for (int i = 0; i < 880_000; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(keysReversed
                ? $$"""{"text":"item number {{i}} with some padding text","n":{{i}}}"""
                : $$"""{"n":{{i}},"text":"item number {{i}} with some padding text"}""");
        }

        sb.Append(']');
        if (!keysReversed)
        {
            sb.Append(",\"tail\":\"").Append(lastValue).Append('"');
        }

        return sb.Append('}').ToString();
    }
}
