using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

public sealed class CassetteReaderTests
{
    public static TheoryData<string> SeedAndCorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (string path in Fixtures.AllSeeds.Concat(Fixtures.CorpusFiles))
        {
            data.Add(Fixtures.Relative(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedAndCorpusFiles))]
    public void Load_RealCassette_ReadsEveryInteraction(string relative)
    {
        string path = Fixtures.FromRelative(relative);
        var cassette = CassetteFile.Load(path);

        int expected = File.ReadLines(path).Count(l => l.TrimStart().StartsWith("- id: ", StringComparison.Ordinal));
        Assert.Equal(expected, cassette.Interactions.Count);
        Assert.All(cassette.Interactions, i =>
        {
            Assert.StartsWith("http", i.Request.Url, StringComparison.Ordinal);
            Assert.NotEqual(0, i.Response.Code);
        });
    }

    [Fact]
    public void Load_StreamingSeed_ReadsValuesExactly()
    {
        var cassette = CassetteFile.Load(Fixtures.Seed("tool_streaming_kimi-k2_chutes.yaml"));

        Assert.Equal(CassetteLayout.Compact4, cassette.Layout);
        var first = cassette.Interactions[0];
        Assert.Equal("POST", first.Request.Method);
        Assert.Equal("https://openrouter.ai/api/v1/chat/completions", first.Request.Url);
        Assert.Equal(575, first.Request.ContentLength);
        Assert.Equal(575, first.Request.Body.Length);
        Assert.Equal(["application/json"], first.Request.Headers["Content-Type"]);
        Assert.Equal("HTTP/2.0", first.Response.Proto);
        Assert.Equal(-1, first.Response.ContentLength);
        Assert.Equal("200 OK", first.Response.Status);
        Assert.Equal(200, first.Response.Code);
        string body = Encoding.UTF8.GetString(first.Response.Body.Span);
        Assert.StartsWith("data: {\"id\":\"gen-1758698431-gBPnHYfioe6vWXpYIu9E\"", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OpenRouterJsonSeed_ReadsDoubleQuotedBodyWithBlankLines()
    {
        var cassette = CassetteFile.Load(Fixtures.Seed("openrouter-kimi-k2.yaml"));

        Assert.Equal(CassetteLayout.Indented2, cassette.Layout);
        var response = cassette.Interactions[0].Response;
        Assert.True(response.Uncompressed);
        Assert.Equal(GoDuration.Parse("1.69516625s"), response.Duration);
        Assert.StartsWith("\n         \n\n", Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
    }
}
