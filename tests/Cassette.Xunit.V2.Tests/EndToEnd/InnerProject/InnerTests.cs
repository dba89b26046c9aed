using Cassette;
using Cassette.Xunit;
using Xunit;

[assembly: UseCassette(Root = "cassettes")]

namespace Inner;

/// <summary>
/// The tests the end-to-end run looks at, each named after what it shows. The run records them
/// (CASSETTE_MODE=record), then replays them (CASSETTE_MODE=replay).
/// </summary>
public sealed class InnerTests
{
    public static IEnumerable<object[]> Models() => [[new Model("o3")]];

    [CassetteFact]
    public async Task Passes()
    {
        Assert.Equal("GET /hello", await Get("hello"));
    }

    [CassetteTheory]
    [InlineData("gpt-4o", 2)]
    public async Task Row(string model, int turns)
    {
        Assert.Equal($"GET /{model}/{turns}", await Get($"{model}/{turns}"));
    }

    // A row xunit cannot serialize: the theory's rows are enumerated when it runs.
    [CassetteTheory]
    [MemberData(nameof(Models))]
    public async Task RowAtRunTime(Model model)
    {
        Assert.Equal($"GET /{model}", await Get(model.ToString()));
    }

    // Records two interactions, replays one.
    [CassetteFact]
    public async Task PlaysHalf()
    {
        await PlayHalf();
    }

    [CassetteFact]
    public async Task PlaysHalfAndFails()
    {
        await PlayHalf();
        if (!XunitCassette.Current.IsRecording)
        {
            throw new InvalidOperationException("The test's own failure.");
        }
    }

    [CassetteFact]
    [UseCassette(Root = "cassettes", VerifyAllPlayed = false)]
    public async Task PlaysHalfUnverified()
    {
        await PlayHalf();
    }

    // Its cassette is committed before the record run.
    [CassetteFact]
    public async Task FailsWhileRecording()
    {
        await Get("fresh");
        if (XunitCassette.Current.IsRecording)
        {
            throw new InvalidOperationException("Failed while recording.");
        }
    }

    // In the record run a folder stands where what it recorded would be written.
    [CassetteFact]
    public async Task FailsAndCannotKeepWhatItRecorded()
    {
        await Get("lost");
        if (XunitCassette.Current.IsRecording)
        {
            Directory.CreateDirectory(Path.ChangeExtension(XunitCassette.Current.Path, ".partial.yaml"));
            throw new InvalidOperationException("The test's own failure.");
        }
    }

    [CassetteFact(Skip = "Skipped as a user skips a test.")]
    public void Skipped() => throw new InvalidOperationException("A skipped test never runs.");

    [Fact]
    public void PlainFact_HasNoCassette()
    {
        var e = Assert.Throws<InvalidOperationException>(() => XunitCassette.Current);
        Assert.Contains("[CassetteFact]", e.Message, StringComparison.Ordinal);
    }

    private static async Task<string> Get(string path)
    {
        using var http = XunitCassette.Current.CreateHttpClient(new Upstream());
        return await http.GetStringAsync(Upstream.BaseUrl + path);
    }

    private static async Task PlayHalf()
    {
        await Get("one");
        if (XunitCassette.Current.IsRecording)
        {
            await Get("two");
        }
    }
}
