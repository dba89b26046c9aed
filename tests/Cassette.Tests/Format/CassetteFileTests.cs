using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

public sealed class CassetteFileTests
{
    public static TheoryData<string> EveryFixture()
    {
        var data = new TheoryData<string>();
        foreach (string path in Fixtures.AllSeeds.Concat(Fixtures.CorpusFiles).Concat(Fixtures.GoldenFiles).Concat(Fixtures.GoVcrV3Files))
        {
            data.Add(Fixtures.Relative(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFixture))]
    public void ToYaml_UnchangedCassette_IsTheFileByteForByte(string relative)
    {
        string path = Fixtures.FromRelative(relative);

        string yaml = CassetteFile.Load(path).ToYaml();

        Assert.Equal(File.ReadAllBytes(path), Encoding.UTF8.GetBytes(yaml));
    }

    [Fact]
    public void Interactions_LoadedTwice_AreEqualByValue()
    {
        string path = Fixtures.Seed("tool_streaming_kimi-k2_chutes.yaml");
        var first = CassetteFile.Load(path).Interactions;
        var second = CassetteFile.Load(path).Interactions;

        Assert.NotSame(first[0], second[0]);
        Assert.Equal(first[0], second[0]);
        Assert.Equal(first[0].GetHashCode(), second[0].GetHashCode());
        Assert.Equal(first, second);
        Assert.Single(new HashSet<Interaction> { first[0], second[0] });
    }

    [Theory]
    [InlineData("header value")]
    [InlineData("body byte")]
    [InlineData("duration")]
    [InlineData("header order")]
    public void Interactions_OneValueChanged_AreNotEqualUnlessOnlyTheOrderOfAMapChanged(string change)
    {
        var original = CassetteFile.Load(Fixtures.Seed("openrouter-kimi-k2.yaml")).Interactions[0];
        var request = original.Request;
        var response = original.Response;
        byte[] body = response.Body.ToArray();
        body[^2] ^= 1;
        var changed = change switch
        {
            "header value" => original with { Request = request with { Headers = new Dictionary<string, IReadOnlyList<string>>(request.Headers) { ["Accept"] = ["text/plain"] } } },
            "body byte" => original with { Response = response with { Body = body } },
            "duration" => original with { Response = response with { Duration = new GoDuration(response.Duration.Nanoseconds + 1) } },
            _ => original with { Request = request with { Headers = request.Headers.Reverse().ToDictionary() } },
        };

        Assert.Equal(change == "header order", original.Equals(changed));
    }

    [Fact]
    public void Interactions_SetToAListWithNull_Throws()
    {
        var cassette = new CassetteFile();

        Assert.Throws<ArgumentException>(() => cassette.Interactions = [null!]);
        Assert.Throws<ArgumentNullException>(() => cassette.Add(null!));
    }

    [Fact]
    public void ToYaml_FirstInteractionRemoved_KeepsTheOthersTextAndRenumbersIds()
    {
        string path = Fixtures.Seed("tool_streaming_kimi-k2_deepinfra.yaml");
        string original = File.ReadAllText(path);
        var cassette = CassetteFile.Load(path);

        cassette.Interactions = [.. cassette.Interactions.Skip(1)];
        string yaml = cassette.ToYaml();

        int secondStart = original.IndexOf("\n  - id: 1\n", StringComparison.Ordinal) + "\n  - id: 1\n".Length;
        Assert.Equal("---\nversion: 2\ninteractions:\n  - id: 0\n" + original[secondStart..], yaml);
    }

    [Fact]
    public void ToYaml_InteractionAppended_LeavesEveryOriginalLineInPlace()
    {
        string path = Fixtures.Seed("openrouter-kimi-k2.yaml");
        string original = File.ReadAllText(path);
        var cassette = CassetteFile.Load(path);

        cassette.Add(cassette.Interactions[0] with { });
        string yaml = cassette.ToYaml();

        Assert.StartsWith(original, yaml, StringComparison.Ordinal);
        Assert.StartsWith("  - id: 2\n    request:\n      proto: HTTP/1.1\n", yaml[original.Length..], StringComparison.Ordinal);
        InteractionAssert.Equal(cassette.Interactions[0], CassetteFile.Parse(yaml).Interactions[2]);
    }

    [Fact]
    public void ToYaml_EmptyCassette_WritesAnEmptyInteractionList()
    {
        Assert.Equal("---\nversion: 2\ninteractions: []\n", new CassetteFile().ToYaml());
    }

    [Fact]
    public void Save_IntoMissingFolders_CreatesThemAndLeavesNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        string target = Path.Combine(temp.Path, "a", "b", "cassette.yaml");
        var cassette = CassetteFile.Load(Fixtures.Seed("tool_streaming_kimi-k2_fireworks.yaml"));

        cassette.Save(target);

        Assert.Equal(File.ReadAllBytes(Fixtures.Seed("tool_streaming_kimi-k2_fireworks.yaml")), File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(Path.Combine(temp.Path, "a", "b")));
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesIt()
    {
        using var temp = new TempDirectory();
        string target = temp.PathOf("cassette.yaml");
        File.WriteAllText(target, "old content that is longer than the new one " + new string('x', 100_000));

        new CassetteFile().Save(target);

        Assert.Equal("---\nversion: 2\ninteractions: []\n", File.ReadAllText(target));
    }

    [Fact]
    public void Layout_Changed_WritesEveryInteractionAfresh()
    {
        var cassette = CassetteFile.Load(Path.Combine(Fixtures.Golden, "sse_keep.xvcr.yaml"));

        cassette.Layout = CassetteLayout.Indented4;

        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures.Golden, "sse_keep.default.yaml")), cassette.ToYaml());
    }
}
