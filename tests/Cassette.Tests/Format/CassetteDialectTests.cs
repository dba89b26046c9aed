using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

/// <summary>
/// go-vcr v3 and v4 up to v4.0.2 write every field, empty ones too; v4.0.3 and later leave empty
/// ones out. The go-vcr v3 fixtures are real files of the first dialect (that each is written back
/// byte for byte is in <see cref="CassetteFileTests"/>).
/// </summary>
public sealed class CassetteDialectTests
{
    private const string Recordings = Fixtures.GoVcrV3Recordings;

    private const string EmptyCassette = Recordings + "TestCIBANegative_Initiate/Should_throw_error_for_missing_LoginHint_and_BindingMessage.yaml";

    public static TheoryData<string> GoVcrV3Files() => [.. Fixtures.GoVcrV3Files.Select(Fixtures.Relative)];

    public static TheoryData<string> AsGoVcrV3WritesThem() =>
        [.. Fixtures.GoVcrV3Files.Select(Fixtures.Relative).Where(f => !Fixtures.GoVcrV3HandEdited.Contains(f))];

    public static TheoryData<string> EditedByHand() => [.. Fixtures.GoVcrV3HandEdited];

    [Fact]
    public void GoVcrV3Fixtures_AreTheFiftyFourFilesWithTheirHandEditsListed()
    {
        var files = Fixtures.GoVcrV3Files.Select(Fixtures.Relative).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(54, files.Count);
        Assert.Subset(files, Fixtures.GoVcrV3HandEdited.ToHashSet(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GoVcrV3Files))]
    public void Load_GoVcrV3File_ReadsEveryValueAsGoVcrV3Does(string relative)
    {
        string yaml = File.ReadAllText(Fixtures.FromRelative(relative));

        var cassette = CassetteFile.Parse(yaml);

        var nodes = GoVcrYamlModel.Interactions(yaml);
        Assert.Equal(nodes.Children.Count, cassette.Interactions.Count);
        for (int i = 0; i < nodes.Children.Count; i++)
        {
            var node = (YamlDotNet.RepresentationModel.YamlMappingNode)nodes.Children[i];
            var request = GoVcrYamlModel.Field(node, "request");
            var response = GoVcrYamlModel.Field(node, "response");

            // Every field of go-vcr's structs is in the file: the every-field dialect.
            Assert.Equal(14, GoVcrYamlModel.Keys(request).Count);
            Assert.Equal(12, GoVcrYamlModel.Keys(response).Count);
            GoVcrYamlModel.AssertRequest(request, cassette.Interactions[i].Request);
            GoVcrYamlModel.AssertResponse(response, cassette.Interactions[i].Response);
        }

        // Every dialect and layout writes an empty cassette the same way, so it shows neither.
        if (relative != EmptyCassette)
        {
            Assert.Equal(CassetteDialect.EveryField, cassette.Dialect);
            Assert.Equal(CassetteLayout.Indented4, cassette.Layout);
        }
    }

    [Theory]
    [MemberData(nameof(AsGoVcrV3WritesThem))]
    public void ToCanonicalYaml_GoVcrV3FileNotEditedByHand_IsWhatGoVcrV3Writes(string relative)
    {
        string yaml = File.ReadAllText(Fixtures.FromRelative(relative));

        Assert.Equal(yaml, CassetteFile.Parse(yaml).ToCanonicalYaml());
    }

    [Theory]
    [MemberData(nameof(EditedByHand))]
    public void ToCanonicalYaml_GoVcrV3FileEditedByHand_WritesTheSameValuesInTheSameDialect(string relative)
    {
        string yaml = File.ReadAllText(Fixtures.FromRelative(relative));
        var cassette = CassetteFile.Parse(yaml);

        string canonical = cassette.ToCanonicalYaml();

        Assert.NotEqual(yaml, canonical);
        var reloaded = CassetteFile.Parse(canonical);
        Assert.Equal(CassetteDialect.EveryField, reloaded.Dialect);
        Assert.Equal(cassette.Interactions, reloaded.Interactions);
        Assert.Equal(canonical, reloaded.ToCanonicalYaml());
    }

    [Fact]
    public void Add_ToGoVcrV3File_WritesTheNewInteractionWithEveryFieldAndKeepsTheOldText()
    {
        string path = Fixtures.FromRelative(Recordings + "TestUserInfo.yaml");
        string original = File.ReadAllText(path);
        var cassette = CassetteFile.Load(path);
        cassette.Add(new Interaction(
            new RecordedRequest
            {
                Proto = "HTTP/1.1",
                ProtoMajor = 1,
                ProtoMinor = 1,
                Host = "go-auth0-dev.eu.auth0.com",
                Url = "https://go-auth0-dev.eu.auth0.com/api/v2/users/auth0%7C1",
                Method = "DELETE",
            },
            new RecordedResponse
            {
                Proto = "HTTP/2.0",
                ProtoMajor = 2,
                TransferEncoding = ["chunked"],
                ContentLength = -1,
                Body = Encoding.UTF8.GetBytes("{\"ok\":true}"),
                Headers = TestInteractions.Headers(("Content-Type", "application/json")),
                Status = "200 OK",
                Code = 200,
                Duration = GoDuration.FromTimeSpan(TimeSpan.FromMilliseconds(1500)),
            }));

        string yaml = cassette.ToYaml();

        // go-vcr v3's yaml.Marshal of its Request and Response structs: no field is omitempty, so
        // empty lists and maps are [] and {}, empty strings "", false is written; indented-4 layout.
        const string added = """
                - id: 1
                  request:
                    proto: HTTP/1.1
                    proto_major: 1
                    proto_minor: 1
                    content_length: 0
                    transfer_encoding: []
                    trailer: {}
                    host: go-auth0-dev.eu.auth0.com
                    remote_addr: ""
                    request_uri: ""
                    body: ""
                    form: {}
                    headers: {}
                    url: https://go-auth0-dev.eu.auth0.com/api/v2/users/auth0%7C1
                    method: DELETE
                  response:
                    proto: HTTP/2.0
                    proto_major: 2
                    proto_minor: 0
                    transfer_encoding:
                        - chunked
                    trailer: {}
                    content_length: -1
                    uncompressed: false
                    body: '{"ok":true}'
                    headers:
                        Content-Type:
                            - application/json
                    status: 200 OK
                    code: 200
                    duration: 1.5s

            """;
        Assert.Equal(original + added.ReplaceLineEndings("\n"), yaml);
    }

    [Theory]
    [MemberData(nameof(AsGoVcrV3WritesThem))]
    public void Dialect_GoVcrV3FileToOmitEmptyAndBack_KeepsEveryValueAndTheFile(string relative)
    {
        string yaml = File.ReadAllText(Fixtures.FromRelative(relative));
        var cassette = CassetteFile.Parse(yaml);

        cassette.Dialect = CassetteDialect.OmitEmpty;
        string omitEmpty = cassette.ToYaml();
        var converted = CassetteFile.Parse(omitEmpty);
        var convertedDialect = converted.Dialect;
        converted.Dialect = CassetteDialect.EveryField;
        string back = converted.ToYaml();

        foreach (string empty in (string[])["transfer_encoding: []", "trailer: {}", "remote_addr: \"\"", "request_uri: \"\"", "form: {}", "uncompressed: false"])
        {
            Assert.DoesNotContain(empty, omitEmpty, StringComparison.Ordinal);
        }

        Assert.Equal(CassetteDialect.OmitEmpty, convertedDialect);
        Assert.Equal(cassette.Interactions, converted.Interactions);
        Assert.Equal(yaml, back);
    }

    [Fact]
    public void Dialect_NewCassette_IsOmitEmpty()
    {
        var cassette = new CassetteFile();
        cassette.Add(TestInteractions.Post("{}", "ok"));

        Assert.Equal(CassetteDialect.OmitEmpty, cassette.Dialect);
        Assert.DoesNotContain("remote_addr", cassette.ToYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FilesOfGoVcrV4_AreOmitEmpty()
    {
        foreach (string path in Fixtures.AllSeeds.Concat(Fixtures.CorpusFiles).Concat(Fixtures.GoldenFiles))
        {
            Assert.True(CassetteFile.Load(path).Dialect == CassetteDialect.OmitEmpty, $"{Fixtures.Relative(path)} is read as every-field.");
        }
    }

    [Theory]
    [InlineData("        transfer_encoding: []\n", "        content_length: 2\n")]
    [InlineData("        remote_addr: \"\"\n", "        host: \"\"\n")]
    [InlineData("        form: {}\n", "        body: '{}'\n")]
    [InlineData("        uncompressed: false\n", "        content_length: -1\n")]
    public void Load_OneEmptyFieldWrittenOut_IsEveryField(string emptyField, string after)
    {
        var cassette = new CassetteFile(CassetteLayout.Indented4);
        cassette.Add(TestInteractions.Post("{}", "ok"));
        string omitEmpty = cassette.ToYaml();
        Assert.Contains(after, omitEmpty, StringComparison.Ordinal);

        var loaded = CassetteFile.Parse(omitEmpty.Replace(after, after + emptyField, StringComparison.Ordinal));

        Assert.Equal(CassetteDialect.OmitEmpty, CassetteFile.Parse(omitEmpty).Dialect);
        Assert.Equal(CassetteDialect.EveryField, loaded.Dialect);
    }
}
