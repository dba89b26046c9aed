using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

public sealed class FormatCommandTests
{
    [Fact]
    public void Check_GoldenAndStreamingSeeds_ExitsZeroAndListsNothing()
    {
        using var temp = new TempDirectory();
        foreach (string file in Fixtures.GoldenFiles.Concat(Fixtures.StreamingSeeds))
        {
            temp.Copy(file);
        }

        var (exitCode, output, error) = CliRunner.Run("format", "--check", temp.Path);

        Assert.Equal("", error);
        Assert.Equal("", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Check_CassetteWithANonCanonicalBody_ListsItAndExitsOne()
    {
        // go-yaml would quote one body of this seed differently from how the file has it.
        using var temp = new TempDirectory();
        string file = temp.Copy(Fixtures.Seed("openrouter-kimi-k2.yaml"));
        temp.Copy(Fixtures.Seed("tool_streaming_kimi-k2_chutes.yaml"));

        var (exitCode, output, error) = CliRunner.Run("format", "--check", temp.Path);

        Assert.Equal(1, exitCode);
        Assert.Equal(file + "\n", output);
        Assert.Contains("1 of 2 cassettes are not canonical", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NonCanonicalCassette_RewritesItKeepingEveryValue()
    {
        using var temp = new TempDirectory();
        string file = temp.Copy(Fixtures.Seed("openrouter-kimi-k2.yaml"));
        var before = CassetteFile.Load(file);

        var (exitCode, output, _) = CliRunner.Run("format", "--write", file);

        Assert.Equal(0, exitCode);
        Assert.Equal($"formatted {file}\n", output);
        Assert.Equal(0, CliRunner.Run("format", "--check", file).ExitCode);
        var after = CassetteFile.Load(file);
        Assert.Equal(before.Layout, after.Layout);
        Assert.Equal(before.Interactions.Count, after.Interactions.Count);
        for (int i = 0; i < before.Interactions.Count; i++)
        {
            InteractionAssert.Equal(before.Interactions[i], after.Interactions[i]);
        }
    }

    [Theory]
    [InlineData("sse_keep")]
    [InlineData("binary_long")]
    [InlineData("header_sort")]
    [InlineData("tab_multiline")]
    public void Print_WithLayout_ConvertsBetweenGoVcrLayouts(string goldenCase)
    {
        string compact2 = Path.Combine(Fixtures.Golden, goldenCase + ".xvcr.yaml");
        string indented4 = Path.Combine(Fixtures.Golden, goldenCase + ".default.yaml");

        var toIndented = CliRunner.Run("format", "--layout", "indented-4", compact2);
        var toCompact = CliRunner.Run("format", "--layout", "compact-2", indented4);

        Assert.Equal(0, toIndented.ExitCode);
        Assert.Equal(File.ReadAllText(indented4), toIndented.Output);
        Assert.Equal(0, toCompact.ExitCode);
        Assert.Equal(File.ReadAllText(compact2), toCompact.Output);
    }

    [Fact]
    public void Run_UnreadableCassette_ExitsTwoNamingFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        string file = temp.PathOf("bad.yaml");
        File.WriteAllText(file, "---\nversion: 2\ninteractions:\n- id: 0\n  response:\n    duration: 5\n");

        var (exitCode, _, error) = CliRunner.Run("format", "--check", file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:6:15: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingPath_ExitsTwo()
    {
        var (exitCode, _, error) = CliRunner.Run("format", "--check", "no/such/folder");

        Assert.Equal(2, exitCode);
        Assert.Contains("no/such/folder: no such file or folder.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownLayout_ExitsTwoListingTheLayouts()
    {
        var (exitCode, _, error) = CliRunner.Run("format", "--layout", "tabs", "x.yaml");

        Assert.Equal(2, exitCode);
        Assert.Contains("compact-4, compact-2, indented-4, indented-2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownDialect_ExitsTwoListingTheDialects()
    {
        var (exitCode, _, error) = CliRunner.Run("format", "--dialect", "v3", "x.yaml");

        Assert.Equal(2, exitCode);
        Assert.Contains("omit-empty, every-field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GoVcrV3Files_ListsOnlyThoseEditedByHand()
    {
        using var temp = new TempDirectory();
        foreach (string file in Fixtures.GoVcrV3Files)
        {
            temp.Copy(file, Fixtures.Relative(file));
        }

        var (exitCode, output, error) = CliRunner.Run("format", "--check", temp.Path);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            Fixtures.GoVcrV3HandEdited.Select(temp.PathOf).Order(StringComparer.Ordinal),
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Equal("9 of 54 cassettes are not canonical. Run 'cassette format --write' on them to fix.\n", error);
    }

    [Theory]
    [InlineData("dialects/go-vcr-v3/test/data/recordings/authentication/TestUserInfo.yaml")]
    [InlineData("dialects/go-vcr-v3/test/data/recordings/authentication/TestMFAAddAuthenticator/Should_return_response_for_OTP.yaml")]
    [InlineData("dialects/go-vcr-v3/test/data/recordings/authentication/TestLoginWithAuthCode/Should_return_tokens.yaml")]
    public void Write_WithDialect_ConvertsAGoVcrV3FileBothWaysKeepingEveryValue(string relative)
    {
        using var temp = new TempDirectory();
        string file = temp.Copy(Fixtures.FromRelative(relative));
        string original = File.ReadAllText(file);

        var toOmitEmpty = CliRunner.Run("format", "--write", "--dialect", "omit-empty", file);
        string omitEmpty = File.ReadAllText(file);
        var converted = CassetteFile.Load(file);
        var checkConverted = CliRunner.Run("format", "--check", file);
        var toEveryField = CliRunner.Run("format", "--write", "--dialect", "every-field", file);

        Assert.Equal((0, $"formatted {file}\n"), (toOmitEmpty.ExitCode, toOmitEmpty.Output));
        Assert.DoesNotContain("remote_addr", omitEmpty, StringComparison.Ordinal);
        Assert.DoesNotContain("uncompressed: false", omitEmpty, StringComparison.Ordinal);
        Assert.Equal(CassetteDialect.OmitEmpty, converted.Dialect);
        Assert.Equal(CassetteFile.Parse(original).Interactions, converted.Interactions);
        Assert.Equal(0, checkConverted.ExitCode);
        Assert.Equal((0, $"formatted {file}\n"), (toEveryField.ExitCode, toEveryField.Output));
        Assert.Equal(original, File.ReadAllText(file));
    }

    [Theory]
    [InlineData("sse_keep.default.yaml")]
    [InlineData("binary_long.default.yaml")]
    [InlineData("header_sort.xvcr.yaml")]
    public void Print_WithDialect_WritesAGoVcrV4FileWithEveryFieldAndBack(string golden)
    {
        using var temp = new TempDirectory();
        string original = File.ReadAllText(Path.Combine(Fixtures.Golden, golden));
        int interactions = CassetteFile.Parse(original).Interactions.Count;

        var everyField = CliRunner.Run("format", "--dialect", "every-field", Path.Combine(Fixtures.Golden, golden));
        File.WriteAllText(temp.PathOf(golden), everyField.Output);
        var back = CliRunner.Run("format", "--dialect", "omit-empty", temp.PathOf(golden));

        Assert.Equal(0, everyField.ExitCode);
        Assert.Equal(interactions, everyField.Output.Split("remote_addr: \"\"").Length - 1);
        Assert.Equal(CassetteDialect.EveryField, CassetteFile.Parse(everyField.Output).Dialect);
        Assert.Equal(0, back.ExitCode);
        Assert.Equal(original, back.Output);
    }
}
