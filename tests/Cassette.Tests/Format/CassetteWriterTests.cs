using System.Text;
using System.Text.Json;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

public sealed class CassetteWriterTests
{
    public static TheoryData<string> GoldenCases()
    {
        var data = new TheoryData<string>();
        foreach (var golden in GoldenCase.All)
        {
            data.Add(golden.Name);
        }

        return data;
    }

    public static TheoryData<string> CorpusAndStreamingSeeds()
    {
        var data = new TheoryData<string>();
        foreach (string path in Fixtures.StreamingSeeds.Concat(Fixtures.CorpusFiles))
        {
            data.Add(Fixtures.Relative(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void ToYaml_GoldenCaseCompact2_EqualsXvcrFile(string name)
    {
        var golden = GoldenCase.Named(name);
        var cassette = new CassetteFile(CassetteLayout.Compact2);
        cassette.Add(golden.ToInteraction());

        Assert.Equal(ReadFixture(golden.XvcrFile), cassette.ToYaml());
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void ToYaml_GoldenCaseIndented4_EqualsDefaultFile(string name)
    {
        var golden = GoldenCase.Named(name);
        var cassette = new CassetteFile(CassetteLayout.Indented4);
        cassette.Add(golden.ToInteraction());

        Assert.Equal(ReadFixture(golden.DefaultFile), cassette.ToYaml());
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Load_GoldenFiles_GiveTheCaseInputs(string name)
    {
        var golden = GoldenCase.Named(name);
        var expected = golden.ToInteraction();
        foreach (var (file, layout) in new[] { (golden.XvcrFile, CassetteLayout.Compact2), (golden.DefaultFile, CassetteLayout.Indented4) })
        {
            var cassette = CassetteFile.Load(Path.Combine(Fixtures.Golden, file));

            Assert.Equal(layout, cassette.Layout);
            var actual = Assert.Single(cassette.Interactions);
            InteractionAssert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(CorpusAndStreamingSeeds))]
    public void ToYaml_RebuiltRealCassette_EqualsFileBytes(string relative)
    {
        string path = Fixtures.FromRelative(relative);
        var rebuilt = InteractionCopy.Rebuild(CassetteFile.Load(path));

        Assert.Equal(ReadFixture(path), rebuilt.ToYaml());
    }

    [Fact]
    public void ToYaml_CorpusDefaultLayoutFile_IsDetectedAndRewritten()
    {
        string path = Path.Combine(Fixtures.Corpus, "providertests/testdata/TestAnthropicWebSearch/stream.yaml");
        var loaded = CassetteFile.Load(path);

        Assert.Equal(CassetteLayout.Indented4, loaded.Layout);
        Assert.Equal(ReadFixture(path), InteractionCopy.Rebuild(loaded).ToCanonicalYaml());
    }

    [Fact]
    public void ToYaml_UnmodifiedOpenRouterSeed_KeepsOriginalText()
    {
        string path = Fixtures.Seed("openrouter-kimi-k2.yaml");
        var cassette = CassetteFile.Load(path);

        Assert.Equal(ReadFixture(path), cassette.ToYaml());
    }

    [Fact]
    public void Load_OpenRouterSeed_ReadsBothBodiesExactly()
    {
        var cassette = CassetteFile.Load(Fixtures.Seed("openrouter-kimi-k2.yaml"));

        Assert.Equal(2, cassette.Interactions.Count);
        string firstBody = Encoding.UTF8.GetString(cassette.Interactions[0].Response.Body.Span);
        Assert.StartsWith(
            "\n         \n\n         \n\n         \n\n         \n\n         \n\n         \n{\"id\":\"gen-1758536664-UaCYJMs4TUDzzENXVnwe\"",
            firstBody,
            StringComparison.Ordinal);
        var secondRequest = cassette.Interactions[1].Request;
        Assert.Equal(728, secondRequest.ContentLength);
        Assert.Equal(728, secondRequest.Body.Length);
        Assert.StartsWith(
            "{\"messages\":[{\"content\":\"You are a helpful assistant\",\"role\":\"system\"},{\"content\":\"What's the weather in Florence?\"",
            Encoding.UTF8.GetString(secondRequest.Body.Span),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ToYaml_OpenRouterSeedWithSecondInteractionReplaced_RewritesOnlyThatInteraction()
    {
        string path = Fixtures.Seed("openrouter-kimi-k2.yaml");
        string original = ReadFixture(path);
        var cassette = CassetteFile.Load(path);
        var second = cassette.Interactions[1];
        cassette.Interactions = [cassette.Interactions[0], second with { Response = second.Response with { Status = "201 Created", Code = 201 } }];

        string written = cassette.ToYaml();

        int split = original.IndexOf("  - id: 1\n", StringComparison.Ordinal);
        Assert.True(split > 0);
        Assert.Equal(original[..split], written[..split]);
        var expected = new CassetteFile(CassetteLayout.Indented2);
        expected.Add(InteractionCopy.Of(cassette.Interactions[0]));
        expected.Add(InteractionCopy.Of(cassette.Interactions[1]));
        string fresh = expected.ToYaml();
        Assert.Equal(fresh[fresh.IndexOf("  - id: 1\n", StringComparison.Ordinal)..], written[split..]);
        Assert.Contains("      status: 201 Created\n      code: 201\n", written[split..], StringComparison.Ordinal);
        var reloaded = CassetteFile.Parse(written);
        InteractionAssert.Equal(cassette.Interactions[0], reloaded.Interactions[0]);
        InteractionAssert.Equal(cassette.Interactions[1], reloaded.Interactions[1]);
    }

    [Theory]
    [InlineData(CassetteLayout.Compact2, "- id: 0\n  request:\n    proto: ", "    headers:\n      Content-Type:\n      - ", "    body: |+\n      event: message_start\n")]
    [InlineData(CassetteLayout.Indented2, "  - id: 0\n    request:\n      proto: ", "      headers:\n        Content-Type:\n          - ", "      body: |+\n        event: message_start\n")]
    [InlineData(CassetteLayout.Compact4, "  - id: 0\n    request:\n        proto: ", "        headers:\n            Content-Type:\n              - ", "        body: |+\n            event: message_start\n")]
    [InlineData(CassetteLayout.Indented4, "    - id: 0\n      request:\n        proto: ", "        headers:\n            Content-Type:\n                - ", "        body: |+\n            event: message_start\n")]
    public void Save_CorpusFileInEachLayout_ReloadsToSameValues(CassetteLayout layout, string interactionStart, string headerValue, string literalBody)
    {
        string path = Path.Combine(Fixtures.Corpus, "providertests/testdata/TestAnthropicCommon/claude-sonnet-4/simple_streaming.yaml");
        var source = CassetteFile.Load(path);
        source.Layout = layout;
        string target = Path.Combine(Path.GetTempPath(), $"cassette-layout-{layout}-{Guid.NewGuid():N}.yaml");
        try
        {
            source.Save(target);
            string text = File.ReadAllText(target);
            var reloaded = CassetteFile.Load(target);

            Assert.StartsWith("---\nversion: 2\ninteractions:\n" + interactionStart, text, StringComparison.Ordinal);
            Assert.Contains(headerValue, text, StringComparison.Ordinal);
            Assert.Contains(literalBody, text, StringComparison.Ordinal);
            Assert.Equal(layout, reloaded.Layout);
            Assert.Equal(source.Interactions.Count, reloaded.Interactions.Count);
            for (int i = 0; i < source.Interactions.Count; i++)
            {
                InteractionAssert.Equal(source.Interactions[i], reloaded.Interactions[i]);
            }

            Assert.Equal(text, reloaded.ToCanonicalYaml());
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public void ToYaml_EmptyCassette_WritesEmptyFlowList()
    {
        Assert.Equal("---\nversion: 2\ninteractions: []\n", new CassetteFile(CassetteLayout.Compact2).ToYaml());
    }

    [Fact]
    public void WriteInteraction_EveryOptionalField_WritesThemInGoVcrOrder()
    {
        var interaction = new Interaction(
            new RecordedRequest
            {
                Proto = "HTTP/1.1",
                ProtoMajor = 1,
                ProtoMinor = 1,
                ContentLength = 3,
                TransferEncoding = ["chunked"],
                Trailer = new Dictionary<string, IReadOnlyList<string>> { ["X-Trailer"] = ["t"] },
                Host = "example.com",
                RemoteAddr = "10.0.0.1:1234",
                RequestUri = "/v1?q=1",
                Body = "a=b"u8.ToArray(),
                Form = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"], ["empty"] = [] },
                Headers = new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = ["*/*"] },
                Url = "https://example.com/v1?q=1",
                Method = "POST",
            },
            new RecordedResponse
            {
                Proto = "HTTP/1.1",
                ProtoMajor = 1,
                ProtoMinor = 1,
                TransferEncoding = ["chunked"],
                Trailer = new Dictionary<string, IReadOnlyList<string>> { ["X-Trailer"] = ["t"] },
                ContentLength = -1,
                Body = "ok"u8.ToArray(),
                Status = "200 OK",
                Code = 200,
                Duration = new GoDuration(1_500_000_000),
            });
        var output = new StringBuilder();

        CassetteWriter.WriteInteraction(output, 3, interaction, CassetteLayout.Compact2);

        Assert.Equal(
            """
            - id: 3
              request:
                proto: HTTP/1.1
                proto_major: 1
                proto_minor: 1
                content_length: 3
                transfer_encoding:
                - chunked
                trailer:
                  X-Trailer:
                  - t
                host: example.com
                remote_addr: 10.0.0.1:1234
                request_uri: /v1?q=1
                body: a=b
                form:
                  a:
                  - b
                  empty: []
                headers:
                  Accept:
                  - '*/*'
                url: https://example.com/v1?q=1
                method: POST
              response:
                proto: HTTP/1.1
                proto_major: 1
                proto_minor: 1
                transfer_encoding:
                - chunked
                trailer:
                  X-Trailer:
                  - t
                content_length: -1
                body: ok
                headers: {}
                status: 200 OK
                code: 200
                duration: 1.5s

            """,
            output.ToString());
    }

    [Theory]
    [InlineData(CassetteLayout.Compact2)]
    [InlineData(CassetteLayout.Indented2)]
    [InlineData(CassetteLayout.Compact4)]
    [InlineData(CassetteLayout.Indented4)]
    public void ToYaml_OddValues_ReloadToTheSameValues(CassetteLayout layout)
    {
        string longName = "X-" + new string('n', 140);
        var interaction = new Interaction(
            new RecordedRequest
            {
                Proto = "HTTP/1.1",
                Body = new byte[] { 0xFF, 0x00, 0x41 },
                Form = new Dictionary<string, IReadOnlyList<string>>
                {
                    [longName] = ["v1", "v2"],
                    [longName + "-empty"] = [],
                    ["multi\nline"] = ["x"],
                    // Not " lead\n": in a list go-yaml writes the layout's indent as the block's
                    // indentation indicator though the lines sit 2 columns after the dash, which
                    // no parser reads back in the 4-space layouts.
                    ["q"] = ["a\nb\n", "\n", "yes", "1e3", "tab\there", "\uFEFFbom"],
                },
                Url = "https://example.com/?q=a%20b",
                Method = "GET",
            },
            new RecordedResponse
            {
                Body = Encoding.UTF8.GetBytes(" \n\n  x\n\u00A0y \U0001F600\n\n\n"),
                Headers = new Dictionary<string, IReadOnlyList<string>> { ["Empty"] = [], ["X"] = [""] },
                Status = "",
                Duration = new GoDuration(-1),
            });
        var cassette = new CassetteFile(layout);
        cassette.Add(interaction);

        string written = cassette.ToYaml();
        var reloaded = CassetteFile.Parse(written);

        InteractionAssert.Equal(interaction, Assert.Single(reloaded.Interactions));
        Assert.Equal(layout, reloaded.Layout);
    }

    private static string ReadFixture(string pathOrGoldenName)
    {
        string path = File.Exists(pathOrGoldenName) ? pathOrGoldenName : Path.Combine(Fixtures.Golden, pathOrGoldenName);
        return Encoding.UTF8.GetString(File.ReadAllBytes(path));
    }

    /// <summary>One entry of <c>golden/cases.json</c> plus the fields every golden file shares.</summary>
    private sealed record GoldenCase(
        string Name,
        byte[] RequestBody,
        byte[] ResponseBody,
        Dictionary<string, IReadOnlyList<string>> RequestForm,
        Dictionary<string, IReadOnlyList<string>> ResponseHeaders,
        long DurationNanoseconds,
        string XvcrFile,
        string DefaultFile)
    {
        private static readonly Lazy<IReadOnlyList<GoldenCase>> s_all = new(LoadAll);

        public static IReadOnlyList<GoldenCase> All => s_all.Value;

        public static GoldenCase Named(string name) => All.Single(c => c.Name == name);

        // Shared by all 20 golden files (checked by the byte-exact tests).
        public Interaction ToInteraction() => new(
            new RecordedRequest
            {
                Proto = "HTTP/1.1",
                ProtoMajor = 1,
                ProtoMinor = 1,
                ContentLength = RequestBody.Length,
                Body = RequestBody,
                Form = RequestForm,
                Headers = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["Content-Type"] = ["application/json"],
                    ["User-Agent"] = ["test/1.0"],
                },
                Url = "https://api.example.com/v1/chat/completions",
                Method = "POST",
            },
            new RecordedResponse
            {
                Proto = "HTTP/2.0",
                ProtoMajor = 2,
                ProtoMinor = 0,
                ContentLength = -1,
                Uncompressed = true,
                Body = ResponseBody,
                Headers = ResponseHeaders,
                Status = "200 OK",
                Code = 200,
                Duration = new GoDuration(DurationNanoseconds),
            });

        private static List<GoldenCase> LoadAll()
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures.Golden, "cases.json")));
            var cases = new List<GoldenCase>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                cases.Add(new GoldenCase(
                    element.GetProperty("name").GetString()!,
                    Convert.FromBase64String(element.GetProperty("request_body_base64").GetString()!),
                    Convert.FromBase64String(element.GetProperty("response_body_base64").GetString()!),
                    ReadMap(element, "request_form"),
                    ReadMap(element, "response_headers"),
                    element.GetProperty("duration_ns").GetInt64(),
                    element.GetProperty("xvcr_file").GetString()!,
                    element.GetProperty("default_file").GetString()!));
            }

            return cases;
        }

        private static Dictionary<string, IReadOnlyList<string>> ReadMap(JsonElement element, string property)
        {
            var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (element.TryGetProperty(property, out var value))
            {
                foreach (var entry in value.EnumerateObject())
                {
                    map[entry.Name] = entry.Value.EnumerateArray().Select(v => v.GetString()!).ToList();
                }
            }

            return map;
        }
    }
}
