using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

/// <summary>
/// A cassette file with more YAML documents after the cassette's own: go-vcr reads the first and
/// ignores the rest, and Cassette keeps the rest byte for byte whenever it saves the file.
/// </summary>
public sealed class TrailingDocumentsTests
{
    private const string Variables = "---\n# Written by the test suite after go-vcr saved the cassette.\nvariables:\n  region: fr-par\n  volume_id: 5d1f-77\n";

    private static string WithVariables => Path.Combine(Fixtures.Root, "multidoc", "openrouter-simple-with-variables.yaml");

    private static string CorpusOriginal => Path.Combine(Fixtures.Corpus, "providertests", "testdata", "TestOpenRouterCommon", "openai", "simple.yaml");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A cassette as Cassette writes it, which the tests follow with documents of their own.</summary>
    private static string OneInteraction() => TestInteractions.NewCassette(TestInteractions.Post("{\"q\":1}", "{\"a\":1}")).ToYaml();

    private static Interaction Second => TestInteractions.Post("{\"q\":2}", "{\"a\":2}");

    [Fact]
    public void Load_CassetteFollowedByAVariablesDocument_ReadsTheCassetteAsGoVcrDoes()
    {
        var cassette = CassetteFile.Load(WithVariables);

        // The same interactions as the corpus file the fixture starts with.
        Assert.Equal(CassetteFile.Load(CorpusOriginal).Interactions, cassette.Interactions);
        Assert.Equal("https://openrouter.ai/api/v1/chat/completions", cassette.Interactions[0].Request.Url);
        Assert.Equal(200, cassette.Interactions[0].Response.Code);
        Assert.Equal(CassetteLayout.Compact2, cassette.Layout);
    }

    [Fact]
    public void ToYaml_Unchanged_IsTheFileByteForByte()
    {
        var cassette = CassetteFile.Load(WithVariables);

        Assert.Equal(File.ReadAllText(WithVariables), cassette.ToYaml());
        Assert.Equal(File.ReadAllText(WithVariables), cassette.ToCanonicalYaml());
    }

    [Fact]
    public async Task Save_AfterAppendingAnInteraction_KeepsTheVariablesDocumentByteForByte()
    {
        using var temp = new TempDirectory();
        string path = temp.Copy(WithVariables);
        string original = await File.ReadAllTextAsync(CorpusOriginal, Token);
        string file = await File.ReadAllTextAsync(path, Token);
        string variables = file[original.Length..];
        var cassette = CassetteFile.Load(path);

        cassette.Add(Second);
        cassette.Save(path);

        string saved = await File.ReadAllTextAsync(path, Token);
        Assert.StartsWith(original, saved, StringComparison.Ordinal);
        Assert.EndsWith("\n    duration: 1.5s\n" + variables, saved, StringComparison.Ordinal);
        Assert.StartsWith("- id: 1\n  request:\n", saved[original.Length..], StringComparison.Ordinal);
        Assert.Equal([.. CassetteFile.Load(CorpusOriginal).Interactions, Second], CassetteFile.Load(path).Interactions);
    }

    [Fact]
    public async Task ReplayingHandler_CassetteWithAVariablesDocument_AnswersWithTheRecordedResponse()
    {
        var recorded = CassetteFile.Load(WithVariables).Interactions[0];
        using var http = new HttpClient(new ReplayingHandler(CassetteFile.Load(WithVariables)));
        using var request = new HttpRequestMessage(HttpMethod.Post, recorded.Request.Url)
        {
            Content = new ByteArrayContent(recorded.Request.Body.ToArray()),
        };

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(recorded.Response.Body.ToArray(), await response.Content.ReadAsByteArrayAsync(Token));
    }

    [Theory]
    [InlineData("---\nvariables:\n  a: 1\n")]
    [InlineData("...\n---\nvariables:\n  a: 1\n")]
    [InlineData("# the variables\n---\n# first line of the document\nvariables:\n  a: 1\n")]
    [InlineData("\n\n---\nvariables: {a: 1}\n...\n")]
    [InlineData("--- {a: 1}\n--- [b]\n---\nc\n")]
    [InlineData("---\nvariables: [unclosed\n  : : nonsense\n")]
    [InlineData("---\r\nvariables:\r\n  a: 1\r\n")]
    [InlineData("---\nno final line break")]
    public void Save_AfterAppending_KeepsWhateverFollowsTheCassetteByteForByte(string trailing)
    {
        string cassetteText = OneInteraction();
        var cassette = CassetteFile.Parse(cassetteText + trailing);
        Assert.Equal(cassetteText + trailing, cassette.ToYaml());

        cassette.Add(Second);
        string saved = cassette.ToYaml();

        string expectedCassette = TestInteractions.NewCassette(cassette.Interactions[0], Second).ToYaml();
        Assert.Equal(expectedCassette + trailing, saved);
    }

    [Fact]
    public void Parse_FirstDocumentWithoutItsMarker_KeepsTheFollowingDocuments()
    {
        string cassetteText = OneInteraction()["---\n".Length..];

        var cassette = CassetteFile.Parse(cassetteText + Variables);

        Assert.Single(cassette.Interactions);
        Assert.EndsWith(" duration: 1.5s\n" + Variables, cassette.ToCanonicalYaml(), StringComparison.Ordinal);
        Assert.StartsWith("---\nversion: 2\n", cassette.ToCanonicalYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyCassetteFollowedByVariables_KeepsThem()
    {
        var cassette = CassetteFile.Parse("---\nversion: 2\ninteractions: []\n" + Variables);

        Assert.Empty(cassette.Interactions);
        Assert.Equal("---\nversion: 2\ninteractions: []\n" + Variables, cassette.ToYaml());
    }

    [Fact]
    public void Parse_CommentAfterTheLastInteraction_IsKeptOnceWithTheDocumentsAfterIt()
    {
        string trailing = "# recorded variables follow\n" + Variables;

        var cassette = CassetteFile.Parse(OneInteraction() + trailing);
        cassette.Add(Second);
        string saved = cassette.ToYaml();

        Assert.Equal(1, CountOf(saved, "# recorded variables follow"));
        Assert.EndsWith(trailing, saved, StringComparison.Ordinal);
    }

    [Fact]
    public void After_CountsTheDocumentsAndTheLineTheyStartOn()
    {
        string text = OneInteraction();
        int cassetteLines = text.Count(c => c == '\n');

        var trailing = CassetteReader.Read(text + "# note\n---\na: 1\n---\nb: 2\n", "x.yaml").Trailing;

        Assert.NotNull(trailing);
        Assert.Equal(2, trailing.Count);
        Assert.Equal(cassetteLines + 1, trailing.Line);
        Assert.Equal("# note\n---\na: 1\n---\nb: 2\n", trailing.Text);
        Assert.Null(CassetteReader.Read(text, "x.yaml").Trailing);
        Assert.Null(CassetteReader.Read(text + "...\n", "x.yaml").Trailing);
    }

    [Fact]
    public async Task NewEpisodes_RecordingIntoACassetteWithVariables_KeepsThemAfterTheNewInteraction()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var temp = new TempDirectory();
        string path = temp.PathOf("episodes.yaml");
        await RecordAsync(path, upstream, CassetteMode.Record, "known");
        string recorded = await File.ReadAllTextAsync(path, Token);
        await File.AppendAllTextAsync(path, Variables, Token);

        await RecordAsync(path, upstream, CassetteMode.NewEpisodes, "known", "unknown");

        string saved = await File.ReadAllTextAsync(path, Token);
        Assert.StartsWith(recorded, saved, StringComparison.Ordinal);
        Assert.EndsWith(Variables, saved, StringComparison.Ordinal);
        Assert.Equal(["http://localhost/known", "http://localhost/unknown"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
    }

    [Fact]
    public async Task Record_ReRecordingACassetteWithVariables_KeepsThem()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var temp = new TempDirectory();
        string path = temp.PathOf("again.yaml");
        await RecordAsync(path, upstream, CassetteMode.Record, "old");
        await File.AppendAllTextAsync(path, Variables, Token);

        await RecordAsync(path, upstream, CassetteMode.Record, "new");

        string saved = await File.ReadAllTextAsync(path, Token);
        Assert.EndsWith(Variables, saved, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(saved, "variables:"));
        Assert.Equal(["http://localhost/new"], CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));
    }

    private static async Task RecordAsync(string path, FakeUpstream upstream, CassetteMode mode, params string[] targets)
    {
        await using var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = mode });
        using var client = session.CreateHttpClient(upstream.CreateHandler());
        foreach (string target in targets)
        {
            await client.GetStringAsync(upstream.Url(target), Token);
        }
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
