using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

public sealed class CheckCommandTests
{
    private const string Fix = "Remove it, revoke it, and re-record: recording redacts credentials.";

    [Fact]
    public void Check_AllFixtures_PassesWithTheCommittedAllowList()
    {
        var (exitCode, output, error) = CliRunner.Run("check", Fixtures.Root);

        // 5 seeds, 350 corpus cassettes, 40 golden files, 54 go-vcr v3 files, 4 version 1
        // cassettes and 1 cassette followed by a document of variables. 1 non-canonical seed, 8
        // corpus requests with a hand-edited body and the version 1 cassettes are listed in
        // fixtures/.cassette-allow; 9 hand-edited go-vcr v3 files and 56 of their bodies edited
        // after recording in the .cassette-allow beside them.
        string multidoc = Path.Combine(Fixtures.Root, "multidoc", "openrouter-simple-with-variables.yaml");
        Assert.Equal("", error);
        Assert.Equal(
            $"{multidoc}:34: note: 1 more YAML document follows the cassette, from line 34. go-vcr reads only the first document; Cassette keeps the others byte for byte when it saves the file.\n"
            + "454 cassettes checked: no problems (78 known deviations allowed).\n",
            output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Check_MissingPath_PrintsOnlyTheErrorAndExitsTwo()
    {
        var (exitCode, output, error) = CliRunner.Run("check", "nonexist");

        Assert.Equal("nonexist: no such file or folder.\n", error);
        Assert.Equal("", output);
        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void Check_FolderWithAPartialCassette_LeavesItOut_UnlessItIsNamed()
    {
        using var temp = new TempDirectory();
        string partial = temp.PathOf("chat.partial.yaml");
        var leaked = TestInteractions.Post("{}", "ok");
        leaked = leaked with { Request = leaked.Request with { Headers = TestInteractions.Headers(("Authorization", "Bearer sk-live-0123456789abcdefghijklmnop")) } };
        TestInteractions.NewCassette(leaked).Save(partial);

        var folder = CliRunner.Run("check", temp.Path);
        var named = CliRunner.Run("check", partial);

        Assert.Equal("0 cassettes checked: no problems.\n", folder.Output);
        Assert.Equal(0, folder.ExitCode);
        Assert.Contains("credential", named.Output, StringComparison.Ordinal);
        Assert.Equal(1, named.ExitCode);
    }

    [Fact]
    public void Check_StrictOnAHandEditedCorpusCassette_ReportsTheContentLengthAtItsLine()
    {
        string file = Fixtures.FromRelative("corpus/providertests/testdata/TestGoogleCommon/vertex-gemini-2-5-flash/tool.yaml");

        var (exitCode, output, _) = CliRunner.Run("check", "--strict", file);

        Assert.Equal(
            $"{file}:83: content-length: interaction 1: the request's content_length is 1100 but its body has 1082 bytes. go-vcr records the length that was sent: re-record, or set content_length to 1082.\n"
            + "1 problem in 1 of 1 cassette.\n",
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Check_StrictOnTheNonCanonicalSeed_ReportsTheFirstDifferentLine()
    {
        string file = Fixtures.Seed("openrouter-kimi-k2.yaml");

        var (exitCode, output, _) = CliRunner.Run("check", "--strict", file);

        // Line 41 is interaction 1's request body, double-quoted in the file; go-yaml single-quotes it.
        Assert.Equal(
            $"{file}:41: canonical: not canonical: go-vcr would write this line as \"      body: '{{\"messages\":[{{\"content\":\"You are a helpful assistant\",\"role\":\"sy...\". Run 'cassette format --write {file}' to fix.\n"
            + "1 problem in 1 of 1 cassette.\n",
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Check_PlantedSecrets_FoundInAHeaderTheUrlAndABody()
    {
        using var temp = new TempDirectory();
        string text = SeedVariants.Original;
        int second = text.IndexOf("  - id: 1\n", StringComparison.Ordinal);
        string first = SeedVariants.Replace(
            text[..second],
            ("            Accept:\n              - application/json\n",
             "            Accept:\n              - application/json\n            Authorization:\n              - Bearer sk-or-v1-0123456789abcdef0123456789abcdef\n"));
        string rest = SeedVariants.Replace(
            text[second..],
            ("url: https://openrouter.ai/api/v1/chat/completions", "url: https://openrouter.ai/api/v1/chat/completions?key=AIzaSyA0123456789abcdefghijklmnopqrstuv"),
            ("{\"content\":\"40 C\"", "{\"content\":\"40 C xai-0123456789abcdefghijABCD\""),
            ("content_length: 870", "content_length: 899"));
        string file = temp.PathOf("planted.yaml");
        File.WriteAllText(file, first + rest);

        var (exitCode, output, error) = CliRunner.Run("check", file);

        // The header was inserted at line 15, which moved interaction 1's url to line 100 and its body to line 92.
        Assert.Equal("", error);
        Assert.Equal(
            $"{file}:15: secret: interaction 0: request header \"Authorization\" holds a credential (\"Bearer sk-o…\"). {Fix}\n"
            + $"{file}:100: secret: interaction 1: the URL holds a credential (\"AIza…\"). {Fix}\n"
            + $"{file}:92: secret: interaction 1: the request body holds a credential (\"xai-…\"). {Fix}\n"
            + "3 problems in 1 of 1 cassette.\n",
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Check_AllowListEntryForAnotherInteraction_StillReportsTheNewProblem()
    {
        using var temp = new TempDirectory();
        string text = SeedVariants.Replace(SeedVariants.Original, ("content_length: 575", "content_length: 576"));
        File.WriteAllText(temp.PathOf("seed.yaml"), text);
        File.WriteAllText(temp.PathOf(".cassette-allow"), "# known\ncontent-length seed.yaml 1  # only interaction 1\n");

        var (exitCode, output, error) = CliRunner.Run("check", temp.Path);

        Assert.Equal(
            $"{temp.PathOf("seed.yaml")}:9: content-length: interaction 0: the request's content_length is 576 but its body has 575 bytes. go-vcr records the length that was sent: re-record, or set content_length to 575.\n"
            + "1 problem in 1 of 1 cassette.\n",
            output);
        Assert.Equal($"warning: {temp.PathOf(".cassette-allow")}:2: \"content-length seed.yaml 1\" allows nothing any more; remove the line.\n", error);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Check_UnparsableCassette_IsAProblemAtItsLine()
    {
        using var temp = new TempDirectory();
        string file = temp.PathOf("v3.yaml");
        File.WriteAllText(file, "---\nversion: 3\ninteractions: []\n");

        var (exitCode, output, _) = CliRunner.Run("check", file);

        Assert.StartsWith($"{file}:2: parse: ", output, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Check_BadAllowList_ExitsTwoNamingTheLine()
    {
        using var temp = new TempDirectory();
        temp.Copy(Fixtures.Seed(SeedVariants.Chutes));
        File.WriteAllText(temp.PathOf(".cassette-allow"), "secrets tool_streaming_kimi-k2_chutes.yaml\n");

        var (exitCode, _, error) = CliRunner.Run("check", temp.Path);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{temp.PathOf(".cassette-allow")}:1: expected \"RULE PATH [INTERACTION]\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GoVcrV3File_IsCanonicalInItsOwnDialect()
    {
        using var temp = new TempDirectory();
        string file = temp.Copy(Fixtures.FromRelative(Fixtures.GoVcrV3Recordings + "TestUserInfo.yaml"));

        var (exitCode, output, error) = CliRunner.Run("check", file);

        Assert.Equal("", error);
        Assert.Equal("1 cassette checked: no problems.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Check_GoVcrV3Files_CallsOnlyTheHandEditedOnesNotCanonical()
    {
        var (_, output, _) = CliRunner.Run("check", "--strict", Fixtures.GoVcrV3);

        // The first line of each file that go-vcr v3 would write differently.
        string[] expected =
        [
            "TestLoginWithAuthCodeWithPKCE/Should_support_setting_a_redirect_uri.yaml:15", // body in double quotes
            "TestLoginWithClientCredentials/Should_allow_overriding_clientid.yaml:17", // form keys out of order
            "TestLoginWithClientCredentials/Should_allow_sending_extra_parameters.yaml:17",
            "TestLoginWithClientCredentials/Should_return_tokens.yaml:17",
            "TestLoginWithClientCredentials/Should_support_passing_private_key_jwt_auth.yaml:17",
            "TestLoginWithClientCredentials/Should_support_using_private_key_jwt_auth.yaml:17",
            "TestRefreshToken/Should_return_tokens.yaml:44", // an empty line after the last interaction
            "TestRevokeRefreshToken/Should_revoke_token.yaml:30", // body: '' for body: ""
            "TestRevokeRefreshToken/Should_support_passing_a_ClientID_and_ClientSecret.yaml:30",
        ];
        string prefix = Fixtures.FromRelative(Fixtures.GoVcrV3Recordings);
        var canonicalProblems = output.Split('\n')
            .Where(line => line.Contains(": canonical: not canonical: ", StringComparison.Ordinal))
            .Select(line => line[prefix.Length..line.IndexOf(": canonical:", StringComparison.Ordinal)].Replace('\\', '/'));
        Assert.Equal(expected, canonicalProblems.Order(StringComparer.Ordinal));
    }
}
