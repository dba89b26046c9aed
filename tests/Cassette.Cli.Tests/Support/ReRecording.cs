namespace Cassette.Tests.Support;

/// <summary>
/// Recordings of a conversation against a fake upstream, in a temporary folder, compared with
/// <c>cassette diff</c> as a user does after re-recording: what the provider or the SDK made up
/// must not count as a change.
/// </summary>
internal sealed class ReRecording : IDisposable
{
    private readonly TempDirectory _temp = new();
    private int _count;

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Records a new cassette: starts a fake upstream that <paramref name="serve"/> makes answer,
    /// then has <paramref name="record"/> talk to it through the cassette at the path it is given.
    /// </summary>
    public async Task<string> RecordAsync(Action<FakeUpstream> serve, Func<string, HttpMessageHandler, Task> record)
    {
        string path = _temp.PathOf($"recording-{++_count}.yaml");
        await using var upstream = await FakeUpstream.StartAsync();
        serve(upstream);
        await record(path, upstream.CreateHandler());
        return path;
    }

    public static (int ExitCode, string Output, string Error) Diff(string first, string second, params string[] options) =>
        CliRunner.Run(["diff", "--color", "never", .. options, first, second]);

    /// <summary>
    /// Asserts that the diff of the two recordings finds no semantic change, and that each of
    /// <paramref name="madeUp"/> (masked by default) did differ: unmasked, it is reported.
    /// </summary>
    public static void AssertNoSemanticChanges(string first, string second, params string[] madeUp)
    {
        var (exitCode, output, error) = Diff(first, second);

        Assert.Equal("", error);
        Assert.True(output == "No semantic changes in 1 cassette.\n", "Only made-up values differ, yet the diff reports:\n" + output);
        Assert.Equal(0, exitCode);
        foreach (string name in madeUp)
        {
            var unmasked = Diff(first, second, "--unmask", name);
            Assert.True(unmasked.ExitCode == 1, $"{name} unmasked should be reported as a change:\n{unmasked.Output}{unmasked.Error}");
        }
    }

    /// <summary>
    /// Asserts that the diff reports the one cassette changed, with a line that had
    /// <paramref name="removed"/> and a line that has <paramref name="added"/> (each as a JSON string).
    /// </summary>
    public static string AssertReported(string first, string second, string removed, string added)
    {
        var (exitCode, output, error) = Diff(first, second);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        string[] lines = output.Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith('-') && l.Contains(Quoted(removed), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith('+') && l.Contains(Quoted(added), StringComparison.Ordinal));
        Assert.EndsWith("\n1 of 1 cassette changed.\n", output, StringComparison.Ordinal);
        return output;
    }

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text, s_unescaped);

    // The diff shows JSON strings as written, with °, é and the like unescaped.
    private static readonly System.Text.Json.JsonSerializerOptions s_unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
