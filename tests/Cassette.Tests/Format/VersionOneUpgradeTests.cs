using System.Net;
using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

/// <summary>
/// go-vcr <c>version: 1</c> cassettes (go-vcr v1 and v2): loaded and replayed with their values
/// exact, never saved as they are, and upgraded to version 2 with every value kept.
/// </summary>
public sealed class VersionOneUpgradeTests
{
    /// <summary>Every field go-vcr v1 and v2 wrote, in gopkg.in/yaml.v2's layout, and a HEAD request.</summary>
    private const string EveryField = """
        ---
        version: 1
        interactions:
        - request:
            body: name=disk&size=20
            form:
              name:
              - disk
              size:
              - "20"
            headers:
              Content-Type:
              - application/x-www-form-urlencoded
            url: https://api.example.com/volumes?zone=par1
            method: POST
          response:
            body: '{"id":"v-1"}'
            headers:
              Content-Type:
              - application/json
            status: 201 Created
            code: 201
            duration: 152.5ms
        - request:
            body: ""
            form: {}
            headers: {}
            url: https://api.example.com/volumes/v-1
            method: HEAD
          response:
            body: ""
            headers:
              Content-Length:
              - "2048"
            status: 200 OK
            code: 200
            duration: ""

        """;

    /// <summary>
    /// <see cref="EveryField"/> as version 2, written by hand from the mapping: each value kept,
    /// protocols HTTP/1.1, content lengths from the bodies (and the HEAD response's header).
    /// </summary>
    private const string EveryFieldUpgraded = """
        ---
        version: 2
        interactions:
        - id: 0
          request:
            proto: HTTP/1.1
            proto_major: 1
            proto_minor: 1
            content_length: 17
            host: ""
            body: name=disk&size=20
            form:
              name:
              - disk
              size:
              - "20"
            headers:
              Content-Type:
              - application/x-www-form-urlencoded
            url: https://api.example.com/volumes?zone=par1
            method: POST
          response:
            proto: HTTP/1.1
            proto_major: 1
            proto_minor: 1
            content_length: 12
            body: '{"id":"v-1"}'
            headers:
              Content-Type:
              - application/json
            status: 201 Created
            code: 201
            duration: 152.5ms
        - id: 1
          request:
            proto: HTTP/1.1
            proto_major: 1
            proto_minor: 1
            content_length: 0
            host: ""
            url: https://api.example.com/volumes/v-1
            method: HEAD
          response:
            proto: HTTP/1.1
            proto_major: 1
            proto_minor: 1
            content_length: 2048
            body: ""
            headers:
              Content-Length:
              - "2048"
            status: 200 OK
            code: 200
            duration: 0s

        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string VersionOne(string name) => Path.Combine(Fixtures.Root, "version1", name);

    [Fact]
    public void Parse_EveryVersionOneField_ReadsEachValueExactly()
    {
        var cassette = CassetteFile.Parse(EveryField);

        var post = cassette.Interactions[0];
        Assert.Equal("name=disk&size=20", Encoding.UTF8.GetString(post.Request.Body.Span));
        Assert.Equal(["disk"], post.Request.Form["name"]);
        Assert.Equal(["20"], post.Request.Form["size"]);
        Assert.Equal(["application/x-www-form-urlencoded"], post.Request.Headers["Content-Type"]);
        Assert.Equal("https://api.example.com/volumes?zone=par1", post.Request.Url);
        Assert.Equal("POST", post.Request.Method);
        Assert.Equal("{\"id\":\"v-1\"}", Encoding.UTF8.GetString(post.Response.Body.Span));
        Assert.Equal(["application/json"], post.Response.Headers["Content-Type"]);
        Assert.Equal("201 Created", post.Response.Status);
        Assert.Equal(201, post.Response.Code);
        Assert.Equal(152_500_000L, post.Response.Duration.Nanoseconds);
        Assert.Equal(GoDuration.Zero, cassette.Interactions[1].Response.Duration);

        // What version 1 did not record stays at Go's zero value until the cassette is upgraded.
        Assert.Equal(new RecordedRequest { Body = post.Request.Body, Form = post.Request.Form, Headers = post.Request.Headers, Url = post.Request.Url, Method = "POST" }, post.Request);
        Assert.Equal("", post.Response.Proto);
        Assert.Equal(0, post.Response.ContentLength);
        Assert.Equal(1, cassette.Version);
        Assert.Equal(CassetteLayout.Compact2, cassette.Layout);
    }

    [Fact]
    public void UpgradeToVersion2_EveryVersionOneField_WritesThePinnedVersion2Text()
    {
        var cassette = CassetteFile.Parse(EveryField);

        cassette.UpgradeToVersion2();

        Assert.Equal(EveryFieldUpgraded, cassette.ToCanonicalYaml());
        Assert.Equal(EveryFieldUpgraded, cassette.ToYaml());
        Assert.Equal(2, cassette.Version);
    }

    [Fact]
    public void Upgrade_ValuesAHandEditedFileAlreadyHolds_AreKept()
    {
        var interaction = CassetteFile.Parse(EveryField).Interactions[0];
        var edited = interaction with
        {
            Request = interaction.Request with { Proto = "HTTP/2.0", ProtoMajor = 2, ProtoMinor = 0, ContentLength = -1 },
            Response = interaction.Response with { Proto = "HTTP/2.0", ProtoMajor = 2, ProtoMinor = 0, ContentLength = -1 },
        };

        Assert.Equal(edited, VersionOneUpgrade.Upgrade(edited));
    }

    [Theory]
    [InlineData("scaleway-server-incorrect-body.yaml", 1, CassetteLayout.Compact2)]
    [InlineData("scaleway-volume-utils-test.yaml", 3, CassetteLayout.Compact2)]
    [InlineData("go-vcr-etcd.yaml", 2, CassetteLayout.Compact2)]
    [InlineData("go-vcr-iana-reserved-domains.yaml", 1, CassetteLayout.Indented4)]
    public void Load_RealVersionOneCassette_ReadsEveryInteractionInItsLayout(string name, int interactions, CassetteLayout layout)
    {
        var cassette = CassetteFile.Load(VersionOne(name));

        Assert.Equal(1, cassette.Version);
        Assert.Equal(interactions, cassette.Interactions.Count);
        Assert.Equal(layout, cassette.Layout);
        Assert.All(cassette.Interactions, i => Assert.StartsWith("http", i.Request.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ScalewayCassette_ReadsTheFoldedBodyAndEmptyDuration()
    {
        var response = CassetteFile.Load(VersionOne("scaleway-server-incorrect-body.yaml")).Interactions[0].Response;

        // yaml.v2 folded the single-quoted body at 80 columns; each fold reads as one space.
        Assert.Equal(
            "{\"fields\": {\"organization\": [\"required key not provided\"], \"image\": [\"required key not provided\"], \"name\": [\"required key not provided\"], \"volumes\": [\"required key not provided\"]}, \"message\": \"Validation Error\", \"type\": \"invalid_request_error\"}",
            Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal(244, response.Body.Length);
        Assert.Equal(["244"], response.Headers["Content-Length"]);
        Assert.Equal("400 Bad Request", response.Status);
        Assert.Equal(400, response.Code);
        Assert.Equal(GoDuration.Zero, response.Duration);
    }

    [Fact]
    public void Load_GoVcrFixtures_ReadTheFormAndTheRecordedDuration()
    {
        var etcd = CassetteFile.Load(VersionOne("go-vcr-etcd.yaml")).Interactions[0];
        var iana = CassetteFile.Load(VersionOne("go-vcr-iana-reserved-domains.yaml")).Interactions[0];

        Assert.Equal(["bar"], etcd.Request.Form["value"]);
        Assert.Equal("value=bar", Encoding.UTF8.GetString(etcd.Request.Body.Span));
        Assert.Equal("PUT", etcd.Request.Method);
        Assert.Equal(GoDuration.Zero, etcd.Response.Duration);
        Assert.Equal(601_931_506L, iana.Response.Duration.Nanoseconds);
        Assert.Equal(["nosniff", "nosniff"], iana.Response.Headers["X-Content-Type-Options"]);
    }

    [Theory]
    [InlineData("scaleway-server-incorrect-body.yaml")]
    [InlineData("scaleway-volume-utils-test.yaml")]
    [InlineData("go-vcr-etcd.yaml")]
    [InlineData("go-vcr-iana-reserved-domains.yaml")]
    public void UpgradeToVersion2_RealCassette_ReadsBackWithEveryValueAndTheFilledInFields(string name)
    {
        var loaded = CassetteFile.Load(VersionOne(name));
        var before = loaded.Interactions;

        loaded.UpgradeToVersion2();
        var upgraded = CassetteFile.Parse(loaded.ToCanonicalYaml());

        Assert.Equal(2, upgraded.Version);
        Assert.Equal(loaded.Layout, upgraded.Layout);
        Assert.Equal(before.Count, upgraded.Interactions.Count);
        for (int i = 0; i < before.Count; i++)
        {
            var (was, now) = (before[i], upgraded.Interactions[i]);
            Assert.Equal(was.Request with { Proto = "HTTP/1.1", ProtoMajor = 1, ProtoMinor = 1, ContentLength = was.Request.Body.Length }, now.Request);
            Assert.Equal(was.Response with { Proto = "HTTP/1.1", ProtoMajor = 1, ProtoMinor = 1, ContentLength = was.Response.Body.Length }, now.Response);
        }
    }

    [Fact]
    public void ToYaml_LoadedVersionOne_RefusesAndSaysHowToUpgrade()
    {
        using var temp = new TempDirectory();
        string path = temp.Copy(VersionOne("go-vcr-etcd.yaml"));
        byte[] before = File.ReadAllBytes(path);
        var cassette = CassetteFile.Load(path);
        cassette.Add(TestInteractions.Post("{}", "{}"));

        var e = Assert.Throws<InvalidOperationException>(() => cassette.Save(path));

        Assert.Contains("version 1 cassette", e.Message, StringComparison.Ordinal);
        Assert.Contains($"cassette format --write --upgrade {path}", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => cassette.ToYaml());
        Assert.Throws<InvalidOperationException>(() => cassette.ToCanonicalYaml());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task ReplayingHandler_VersionOneCassette_AnswersWithTheRecordedResponse()
    {
        var cassette = CassetteFile.Load(VersionOne("scaleway-server-incorrect-body.yaml"));
        using var http = new HttpClient(new ReplayingHandler(cassette));

        using var response = await http.PostAsync(
            "https://api.scaleway.com/instance/v1/zones/fr-par-1/servers",
            new StringContent("{}", Encoding.UTF8, "application/json"),
            Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad Request", response.ReasonPhrase);
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(244, response.Content.Headers.ContentLength);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(cassette.Interactions[0].Response.Body.ToArray(), await response.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Session_ReplayingAVersionOneCassette_Works_AndRecordingIntoItIsRefusedUpFront()
    {
        using var temp = new TempDirectory();
        string path = temp.Copy(VersionOne("go-vcr-etcd.yaml"));
        byte[] before = await File.ReadAllBytesAsync(path, Token);

        await using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Replay }))
        {
            using var client = session.CreateHttpClient();
            using var response = await client.PutAsync(
                "http://127.0.0.1:2379/v2/keys/foo",
                new FormUrlEncodedContent([new("value", "bar")]),
                Token);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var e = Assert.Throws<CassetteFormatException>(() => CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.NewEpisodes }));

        Assert.Contains("cassette format --write --upgrade", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Token));
    }

    [Fact]
    public void Parse_VcrPyVersionOneCassette_SaysItIsNotGoVcrs()
    {
        const string vcrPy = """
            interactions:
            - request:
                body: null
                headers: {}
                method: GET
                uri: http://example.com/
              response:
                body: {string: hello}
                headers: {}
                status: {code: 200, message: OK}
            version: 1

            """;

        var e = Assert.Throws<CassetteFormatException>(() => CassetteFile.Parse(vcrPy, "python.yaml"));

        Assert.Equal((6, 5), (e.Line, e.Column));
        Assert.Contains("VCR.py", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyDurationInVersion2_IsStillAnError()
    {
        var e = Assert.Throws<CassetteFormatException>(() => CassetteFile.Parse("---\nversion: 2\ninteractions:\n- id: 0\n  response:\n    duration: \"\"\n"));

        Assert.Equal(6, e.Line);
        Assert.Contains("not a Go duration", e.Message, StringComparison.Ordinal);
    }
}
