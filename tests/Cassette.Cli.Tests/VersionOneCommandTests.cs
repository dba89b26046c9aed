using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

/// <summary>
/// The commands on go-vcr <c>version: 1</c> cassettes: <c>show</c> reads them, <c>check</c> says
/// they are version 1 and how to convert them, <c>format --upgrade</c> converts them.
/// </summary>
public sealed class VersionOneCommandTests
{
    private static string VersionOne(string name) => Path.Combine(Fixtures.Root, "version1", name);

    private static string Explanation(string file) =>
        "version 1 cassette (go-vcr v1 and v2's format): Cassette replays it, but go-vcr v3 and v4 reject it and Cassette does not record into it. " +
        $"Run 'cassette format --write --upgrade {file}' to convert it to version 2; every value is kept.";

    [Fact]
    public void Show_VersionOneCassette_ShowsItsInteractionsAndWhatItIs()
    {
        string file = VersionOne("scaleway-server-incorrect-body.yaml");

        var (exitCode, output, error) = CliRunner.Run("show", file);

        Assert.Equal("", error);
        Assert.StartsWith($"{file}: 1 interaction\nnote: {Explanation(file)}\n\ninteraction 0: POST https://api.scaleway.com/instance/v1/zones/fr-par-1/servers\n", output, StringComparison.Ordinal);
        Assert.Contains("400 Bad Request", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Check_VersionOneCassette_IsOneProblemAtTheVersionLine()
    {
        string file = VersionOne("go-vcr-iana-reserved-domains.yaml");

        var (exitCode, output, error) = CliRunner.Run("check", "--strict", file);

        Assert.Equal("", error);
        Assert.Equal($"{file}:2: canonical: {Explanation(file)}\n1 problem in 1 of 1 cassette.\n", output);
        Assert.Equal(1, exitCode);
    }

    [Theory]
    [InlineData("scaleway-server-incorrect-body.yaml", "compact-2")]
    [InlineData("scaleway-volume-utils-test.yaml", "compact-2")]
    [InlineData("go-vcr-etcd.yaml", "compact-2")]
    [InlineData("go-vcr-iana-reserved-domains.yaml", "indented-4")]
    public void Format_WriteUpgrade_WritesVersion2ThatCheckPasses(string name, string layout)
    {
        using var temp = new TempDirectory();
        string path = temp.Copy(VersionOne(name));
        var before = CassetteFile.Load(path).Interactions;

        var (exitCode, output, error) = CliRunner.Run("format", "--write", "--upgrade", path);

        Assert.Equal(("", $"formatted {path}\n", 0), (error, output, exitCode));
        var upgraded = CassetteFile.Load(path);
        Assert.StartsWith("---\nversion: 2\ninteractions:\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(layout, upgraded.Layout.ToLayoutName());
        Assert.Equal(before.Select(i => (i.Request.Method, i.Request.Url, i.Response.Code, i.Response.Status)), upgraded.Interactions.Select(i => (i.Request.Method, i.Request.Url, i.Response.Code, i.Response.Status)));
        Assert.All(upgraded.Interactions, i => Assert.Equal(("HTTP/1.1", "HTTP/1.1"), (i.Request.Proto, i.Response.Proto)));

        // Canonical, content lengths that agree with the bodies, no credentials.
        Assert.Equal((0, "1 cassette checked: no problems.\n"), (CliRunner.Run("check", "--strict", path) is var c ? (c.ExitCode, c.Output) : default));
    }

    [Fact]
    public void Format_VersionOneWithoutUpgrade_RefusesToWriteIt_AndCheckListsIt()
    {
        using var temp = new TempDirectory();
        string path = temp.Copy(VersionOne("go-vcr-etcd.yaml"));
        byte[] before = File.ReadAllBytes(path);

        var write = CliRunner.Run("format", "--write", path);
        var check = CliRunner.Run("format", "--check", path);

        Assert.Equal($"{path}: a version 1 cassette (go-vcr v1 and v2's format). Add --upgrade to write it as version 2; every value is kept.\n", write.Error);
        Assert.Equal(2, write.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal($"{path}\n", check.Output);
        Assert.Equal("1 of 1 cassettes are not canonical. Run 'cassette format --write' on them to fix (1 of them version 1: add --upgrade).\n", check.Error);
        Assert.Equal(1, check.ExitCode);
    }

    [Fact]
    public void Format_CheckUpgrade_ListsVersionOneAsToBeRewritten()
    {
        string file = VersionOne("scaleway-volume-utils-test.yaml");

        var (exitCode, output, _) = CliRunner.Run("format", "--check", "--upgrade", file);

        Assert.Equal($"{file}\n", output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task Serve_RecordIntoAVersionOneCassette_IsRefusedBeforeListening()
    {
        using var temp = new TempDirectory();
        string path = temp.Copy(VersionOne("go-vcr-etcd.yaml"));

        var (exitCode, _, error) = await Task.Run(() => CliRunner.Run("serve", "--record", "--upstream", "http://127.0.0.1:9/", path), TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("cassette format --write --upgrade", error, StringComparison.Ordinal);
    }
}
