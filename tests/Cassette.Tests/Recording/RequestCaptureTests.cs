using System.Text;

namespace Cassette.Tests.Recording;

public sealed class RequestCaptureTests
{
    [Fact]
    public async Task CaptureAsync_Request_RecordsWhatGoVcrRecords()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://openrouter.ai/api/v1/chat/completions")
        {
            Content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-stainless-lang", "dotnet");
        request.Headers.Accept.ParseAdd("application/json");

        var captured = await RequestCapture.CaptureAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("POST", captured.Method);
        Assert.Equal("https://openrouter.ai/api/v1/chat/completions", captured.Url);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(captured.Body.Span));
        Assert.Equal(7, captured.ContentLength);
        Assert.Equal("HTTP/1.1", captured.Proto);
        Assert.Equal("", captured.Host);
        Assert.Equal(["dotnet"], captured.Headers["X-Stainless-Lang"]);
        Assert.Equal(["application/json"], captured.Headers["Accept"]);
        Assert.Equal(["application/json; charset=utf-8"], captured.Headers["Content-Type"]);
    }

    [Fact]
    public async Task CaptureAsync_StreamContent_LeavesTheBodyReadableForSendingOn()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.test/")
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes("payload"))),
        };

        var captured = await RequestCapture.CaptureAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("payload", Encoding.UTF8.GetString(captured.Body.Span));
        Assert.Equal("payload", await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Capture_Synchronous_ReadsTheSameBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://example.test/items/1")
        {
            Content = new ByteArrayContent([1, 2, 3]),
        };

        var captured = RequestCapture.Capture(request, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], captured.Body.ToArray());
        Assert.Equal("PUT", captured.Method);
    }

    [Theory]
    [InlineData("content-type", "Content-Type")]
    [InlineData("X-RATELIMIT-LIMIT-REQUESTS", "X-Ratelimit-Limit-Requests")]
    [InlineData("x-stainless-os", "X-Stainless-Os")]
    [InlineData("bad name", "bad name")]
    public void CanonicalHeaderName_LikeGo(string name, string expected)
    {
        Assert.Equal(expected, GoHttp.CanonicalHeaderName(name));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
