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

    [Theory]
    [InlineData("fixtures-layout-compact4", "  - id: 0\n    request:\n        proto: HTTP/1.1\n", CassetteLayout.Compact4)]
    [InlineData("fixtures-layout-compact2", "- id: 0\n  request:\n    proto: HTTP/1.1\n", CassetteLayout.Compact2)]
    [InlineData("fixtures-layout-indented4", "    - id: 0\n      request:\n        proto: HTTP/1.1\n", CassetteLayout.Indented4)]
    [InlineData("fixtures-layout-indented2", "  - id: 0\n    request:\n      proto: HTTP/1.1\n", CassetteLayout.Indented2)]
    public void Parse_EachLayout_IsDetected(string name, string interaction, CassetteLayout expected)
    {
        var cassette = CassetteFile.Parse("---\nversion: 2\ninteractions:\n" + interaction, name);

        Assert.Equal(expected, cassette.Layout);
        Assert.Equal("HTTP/1.1", Assert.Single(cassette.Interactions).Request.Proto);
    }

    [Fact]
    public void Parse_OtherEmitterWithEveryStringDoubleQuoted_ReadsValues()
    {
        // go-vcr v4.0.5 wrote cassettes through goccy/go-yaml: nearly every string double-quoted.
        const string yaml = """
            ---
            version: 2
            interactions:
            - id: 0
              request:
                proto: "HTTP/1.1"
                proto_major: 1
                proto_minor: 1
                content_length: 7
                host: ""
                body: "{\"a\":1}"
                headers:
                  "Content-Type":
                  - "application/json"
                url: "https://api.example.com/v1/x?q=1"
                method: "POST"
              response:
                proto: "HTTP/2.0"
                proto_major: 2
                proto_minor: 0
                content_length: -1
                body: "data: {\"t\":1}\n\ndata: [DONE]\n\n"
                headers: {}
                status: "200 OK"
                code: 200
                duration: "1.5s"
            """;

        var interaction = Assert.Single(CassetteFile.Parse(yaml).Interactions);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(interaction.Request.Body.Span));
        Assert.Equal(["application/json"], interaction.Request.Headers["Content-Type"]);
        Assert.Equal("https://api.example.com/v1/x?q=1", interaction.Request.Url);
        Assert.Equal("data: {\"t\":1}\n\ndata: [DONE]\n\n", Encoding.UTF8.GetString(interaction.Response.Body.Span));
        Assert.Equal(1_500_000_000, interaction.Response.Duration.Nanoseconds);
    }

    [Fact]
    public void Parse_QuotedScalarFoldedOverLines_JoinsWithSpaces()
    {
        // go-yaml rc.5 and later wrap quoted scalars at 80 columns.
        const string yaml = "---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    body: 'a long body that\n      goes on here'\n    url: https://x.test/\n    method: GET\n  response:\n    body: \"first\\n\\\n      \\ second\"\n    code: 200\n";

        var interaction = Assert.Single(CassetteFile.Parse(yaml).Interactions);

        Assert.Equal("a long body that goes on here", Encoding.UTF8.GetString(interaction.Request.Body.Span));
        Assert.Equal("first\n second", Encoding.UTF8.GetString(interaction.Response.Body.Span));
    }

    [Fact]
    public void Parse_BinaryBody_DecodesBase64Exactly()
    {
        const string yaml = "---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    url: https://x.test/\n  response:\n    body: !!binary |\n      AAECA/8=\n    code: 200\n";

        var interaction = Assert.Single(CassetteFile.Parse(yaml).Interactions);

        Assert.Equal(new byte[] { 0, 1, 2, 3, 255 }, interaction.Response.Body.ToArray());
    }

    [Fact]
    public void Parse_MissingFields_GetGoZeroValues()
    {
        const string yaml = "---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    url: https://x.test/\n  response:\n    code: 204\n";

        var interaction = Assert.Single(CassetteFile.Parse(yaml).Interactions);

        Assert.Equal("", interaction.Request.Method);
        Assert.Equal(0, interaction.Request.ContentLength);
        Assert.Empty(interaction.Request.Headers);
        Assert.True(interaction.Response.Body.IsEmpty);
        Assert.False(interaction.Response.Uncompressed);
        Assert.Equal(GoDuration.Zero, interaction.Response.Duration);
    }

    [Fact]
    public void Parse_EmptyInteractionList_HasNoInteractions()
    {
        Assert.Empty(CassetteFile.Parse("---\nversion: 2\ninteractions: []\n").Interactions);
    }

    [Theory]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData("210.272us", 210_272L)]
    [InlineData("210.272µs", 210_272L)]
    [InlineData("210.272μs", 210_272L)]
    [InlineData("1h2m3.5s", 3_723_500_000_000L)]
    [InlineData("-1.5s", -1_500_000_000L)]
    [InlineData("0", 0L)]
    [InlineData("7ns", 7L)]
    public void Parse_DurationInAnyGoSpelling_ReadsNanoseconds(string text, long nanoseconds)
    {
        var cassette = CassetteFile.Parse($"---\nversion: 2\ninteractions:\n- id: 0\n  response:\n    duration: {text}\n");

        Assert.Equal(nanoseconds, cassette.Interactions[0].Response.Duration.Nanoseconds);
    }

    [Theory]
    [InlineData("---\nversion: 3\ninteractions: []\n", 2, 10, "version 3", "only versions 2 (go-vcr v3 and v4) and 1")]
    [InlineData("---\ninteractions: []\n", 2, 1, "no \"version\"", "version: 2")]
    [InlineData("---\nversion: 2\ninteractions:\n- id: 0\n  response:\n    duration: 5\n", 6, 15, "not a Go duration", "\"1.5s\"")]
    [InlineData("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    content_length: lots\n", 6, 21, "Expected an integer for \"content_length\"", "\"lots\"")]
    [InlineData("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    headers: plain\n", 6, 14, "\"headers\" to be a mapping", "\"plain\"")]
    [InlineData("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    headers:\n      Accept: text/plain\n", 7, 15, "\"headers.Accept\" to be a list", "\"text/plain\"")]
    [InlineData("---\nversion: 2\ninteractions: nope\n", 3, 15, "\"interactions\" to be a list", "\"nope\"")]
    [InlineData("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    body: \"unterminated\n", 6, 11, "not valid YAML", "quoted scalar")]
    [InlineData("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n    headers: {Accept: [a]\n  x: 1\n", 6, 25, "not valid YAML", "not closed")]
    [InlineData("---\nversion: 2\ninteractions:\n- id: 0\n  request:\n\tbody: x\n", 6, 1, "not valid YAML", "tab")]
    [InlineData("---\nversion: 2\nversion: 2\n", 3, 1, "appears twice", "\"version\"")]
    [InlineData("", 1, 1, "empty", "version: 2")]
    [InlineData("---\n- a\n", 2, 1, "Expected a mapping", "a list")]
    [InlineData("---\nversion: 2\nx: &a [1]\ny: *a\n", 4, 4, "alias", "in full")]
    public void Parse_BadInput_ThrowsFormatExceptionWithPosition(string yaml, int line, int column, string problem, string detail)
    {
        var e = Assert.Throws<CassetteFormatException>(() => CassetteFile.Parse(yaml, "bad.yaml"));

        Assert.Equal("bad.yaml", e.CassettePath);
        Assert.Equal(line, e.Line);
        if (line > 0)
        {
            Assert.Equal(column, e.Column);
            Assert.StartsWith($"bad.yaml:{line}:{column}: ", e.Message, StringComparison.Ordinal);
        }

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileThatIsNotUtf8_ThrowsFormatExceptionNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cassette-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, [.. "---\nversion: 2\n"u8, 0xFF, 0xFE]);
        try
        {
            var e = Assert.Throws<CassetteFormatException>(() => CassetteFile.Load(path));

            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
