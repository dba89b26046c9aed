using System.Diagnostics;
using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

public sealed class DiffCommandTests
{
    private const string Url = "POST https://openrouter.ai/api/v1/chat/completions";

    [Fact]
    public void Diff_ReRecordedSeedWithNewIdsAndTimestamps_ReportsNoSemanticChange()
    {
        using var temp = new TempDirectory();
        string newer = Write(temp, "new.yaml", SeedVariants.ReRecorded);

        var (exitCode, output, error) = CliRunner.Run("diff", Fixtures.Seed(SeedVariants.Chutes), newer);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Diff_MaskedNameWithAHash_IsANameNotAPathIntoAString()
    {
        using var temp = new TempDirectory();
        string newer = Write(temp, "new.yaml", SeedVariants.ReRecorded);

        var (exitCode, output, error) = CliRunner.Run("diff", "--mask", "a#b", Fixtures.Seed(SeedVariants.Chutes), newer);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Diff_MaskedNameStartingWithDollarThatIsNotAPath_ExitsWithTheFix()
    {
        using var temp = new TempDirectory();
        string newer = Write(temp, "new.yaml", SeedVariants.ReRecorded);

        var (exitCode, output, error) = CliRunner.Run("diff", "--mask", "$.messages[", Fixtures.Seed(SeedVariants.Chutes), newer);

        Assert.Equal("", output);
        Assert.Equal("\"$.messages[\" starts with $ but is not a JSON path Cassette supports. Write a path like \"$.messages[*].content#.CallId\" or \"$..obfuscation\", or leave out the $ to name a header or a JSON field.\n", error);
        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void Diff_ReRecordedSeedWithTimestampsUnmasked_ReportsTheTimestamps()
    {
        using var temp = new TempDirectory();
        string newer = Write(temp, "new.yaml", SeedVariants.ReRecorded);

        var (exitCode, output, _) = CliRunner.Run("diff", "--unmask", "created", Fixtures.Seed(SeedVariants.Chutes), newer);

        Assert.Equal(1, exitCode);
        Assert.Contains("@@ event 0 $.created @@", output, StringComparison.Ordinal);
        Assert.Contains("+{\"choices\":[{\"delta\":{\"content\":\"\",\"role\":\"assistant\"},", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_ChangedToolCallArgument_ShowsItAtItsJsonPathAndInTheAssembledMessage()
    {
        using var temp = new TempDirectory();
        string newer = Write(temp, "new.yaml", SeedVariants.ChangedToolArgument);

        var (exitCode, output, error) = CliRunner.Run("diff", Fixtures.Seed(SeedVariants.Chutes), newer);

        // Event lines are the chunks with keys sorted and "id"/"created" masked.
        static string Chunk(string arguments) =>
            "{\"choices\":[{\"delta\":{\"content\":null,\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"arguments\":\""
            + arguments
            + "\",\"name\":null},\"index\":0,\"type\":\"function\"}]},\"finish_reason\":null,\"index\":0,\"logprobs\":null,\"native_finish_reason\":null}],"
            + "\"model\":\"moonshotai/kimi-k2-0905\",\"object\":\"chat.completion.chunk\",\"provider\":\"Chutes\"}";
        string expected = $"""
            {newer} (2 interactions changed)
              interaction 0: {Url}
                response events
                  @@ event 20 $.choices[0].delta.tool_calls[0].function.arguments @@
                   {Chunk(",")}
                  -{Chunk("Italy")}
                  +{Chunk("France")}
                   {Chunk("\\\"}")}
                assembled message
                  @@ $.tool_calls[0].arguments.location @@
                       {"{"}
                         "arguments": {"{"}
                  -        "location": "Florence,Italy"
                  +        "location": "Florence,France"
                         {"},"}
                         "name": "weather"
              interaction 1: {Url}
                request body
                  @@ $.messages[2].tool_calls[0].function.arguments @@
                           {"{"}
                             "function": {"{"}
                  -            "arguments": "{"{"}\"location\": \"Florence,Italy\"{"}"}",
                  +            "arguments": "{"{"}\"location\": \"Florence,France\"{"}"}",
                               "name": "weather"
                             {"},"}

            1 of 1 cassette changed.

            """;

        Assert.Equal("", error);
        Assert.Equal(expected, output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_OllamaStreamReRecordedWithNewTimestampsAndTimings_ReportsNoSemanticChange()
    {
        using var temp = new TempDirectory();
        string older = Save(temp, "old.yaml", OllamaChat.Recorded());
        string newer = Save(temp, "new.yaml", OllamaChat.Recorded(SeedVariants.Replace(
            OllamaChat.Body,
            ("2025-01-15T10:00:00.", "2025-02-20T18:30:07."),
            ("\"total_duration\":1523456789", "\"total_duration\":2011223344"),
            ("\"load_duration\":12345678", "\"load_duration\":998877"),
            ("\"prompt_eval_duration\":234567890", "\"prompt_eval_duration\":301234567"),
            ("\"eval_duration\":987654321", "\"eval_duration\":1100223344"))));

        var (exitCode, output, error) = CliRunner.Run("diff", older, newer);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Diff_OllamaStreamWithChangedToolArgument_ShowsTheLineAtItsJsonPathAndTheAssembledMessage()
    {
        using var temp = new TempDirectory();
        string older = Save(temp, "old.yaml", OllamaChat.Recorded());
        string newer = Save(temp, "new.yaml", OllamaChat.Recorded(
            SeedVariants.Replace(OllamaChat.Body, ("\"city\":\"Paris\"", "\"city\":\"Lyon\""))));

        var (exitCode, output, error) = CliRunner.Run("diff", older, newer);

        // Lines are the JSON objects with keys sorted, "created_at" and the timings masked.
        static string ToolLine(string city) =>
            "{\"done\":false,\"message\":{\"content\":\"\",\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"arguments\":{\"city\":\""
            + city
            + "\",\"unit\":\"celsius\"},\"name\":\"get_weather\"}}]},\"model\":\"llama3.2\"}";
        string expected = $"""
            {newer} (1 interaction changed)
              interaction 0: POST {OllamaChat.Url}
                response events
                  @@ event 3 $.message.tool_calls[0].function.arguments.city @@
                   {"{"}"done":false,"message":{"{"}"content":" the weather in Paris.","role":"assistant"{"}"},"model":"llama3.2"{"}"}
                  -{ToolLine("Paris")}
                  +{ToolLine("Lyon")}
                   {"{"}"done":true,"done_reason":"stop","eval_count":17,"message":{"{"}"content":"","role":"assistant"{"}"},"model":"llama3.2","prompt_eval_count":26{"}"}
                assembled message
                  @@ $.tool_calls[0].arguments.city @@
                       {"{"}
                         "arguments": {"{"}
                  -        "city": "Paris",
                  +        "city": "Lyon",
                           "unit": "celsius"
                         {"},"}

            1 of 1 cassette changed.

            """;

        Assert.Equal("", error);
        Assert.Equal(expected, output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_FormatMarkdown_WritesDiffBlocksUnderHeadings()
    {
        using var temp = new TempDirectory();
        string newer = Write(temp, "new.yaml", SeedVariants.ChangedToolArgument);

        var (exitCode, output, _) = CliRunner.Run("diff", "--format", "markdown", Fixtures.Seed(SeedVariants.Chutes), newer);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("## Cassette changes\n\n1 of 1 cassette changed.\n\n### `" + newer + "` (2 interactions changed)\n\n**interaction 0: POST https://openrouter.ai/api/v1/chat/completions**\n\nresponse events:\n\n```diff\n@@ event 20 $.choices[0].delta.tool_calls[0].function.arguments @@\n", output, StringComparison.Ordinal);
        Assert.Contains(
            "assembled message:\n\n```diff\n@@ $.tool_calls[0].arguments.location @@\n     {\n       \"arguments\": {\n-        \"location\": \"Florence,Italy\"\n+        \"location\": \"Florence,France\"\n       },\n       \"name\": \"weather\"\n```\n",
            output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_FormatGithub_WritesOneAnnotationPerChangedInteractionAtItsLine()
    {
        using var temp = new TempDirectory();
        string newer = Write(temp, "new.yaml", SeedVariants.ChangedToolArgument);

        var (exitCode, output, _) = CliRunner.Run("diff", "--format", "github", Fixtures.Seed(SeedVariants.Chutes), newer);

        // The seed's interactions start at lines 4 and 83; ":" and "," are escaped in properties.
        string file = newer.Replace(":", "%3A", StringComparison.Ordinal);
        Assert.Equal(
            $"::notice file={file},line=4,title=interaction 0%3A POST https%3A//openrouter.ai/api/v1/chat/completions::interaction 0: {Url}%0Aresponse events: event 20 $.choices[0].delta.tool_calls[0].function.arguments%0Aassembled message: $.tool_calls[0].arguments.location\n"
            + $"::notice file={file},line=83,title=interaction 1%3A POST https%3A//openrouter.ai/api/v1/chat/completions::interaction 1: {Url}%0Arequest body: $.messages[2].tool_calls[0].function.arguments\n"
            + "1 of 1 cassette changed.\n",
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_Folders_PairsFilesByRelativePathAndReportsAddedRemovedAndAddedInteractions()
    {
        using var temp = new TempDirectory();
        string seed = SeedVariants.Original;
        Write(temp, "old/same.yaml", seed);
        Write(temp, "new/same.yaml", SeedVariants.ReRecorded);
        Write(temp, "old/gone.yaml", seed);
        Write(temp, "new/sub/fresh.yaml", seed);
        // The second interaction again, appended as id 2: one interaction added.
        int second = seed.IndexOf("  - id: 1\n", StringComparison.Ordinal);
        Write(temp, "old/grown.yaml", seed);
        Write(temp, "new/grown.yaml", seed + seed[second..].Replace("  - id: 1\n", "  - id: 2\n", StringComparison.Ordinal));
        Write(temp, "new/workflow.yaml", "on: push\njobs: {}\n");

        var (exitCode, output, error) = CliRunner.Run("diff", temp.PathOf("old"), temp.PathOf("new"));

        Assert.Equal("", error);
        Assert.Equal(
            $"""
            {temp.PathOf("old")}/gone.yaml (removed, 2 interactions)

            {temp.PathOf("new")}/grown.yaml (1 interaction changed)
              interaction 2 added: {Url}

            {temp.PathOf("new")}/sub/fresh.yaml (added, 2 interactions)

            3 of 4 cassettes changed.

            """,
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_Git_ComparesTheWorkingTreeWithARevision()
    {
        using var temp = new TempDirectory();
        string repo = temp.PathOf("repo");
        Directory.CreateDirectory(repo);
        Git(repo, "init", "--quiet");
        Write(temp, "repo/fixtures/seed.yaml", SeedVariants.Original);
        Write(temp, "repo/fixtures/rerecorded.yaml", SeedVariants.Original);
        Git(repo, "add", ".");
        Git(repo, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "fixtures");
        Write(temp, "repo/fixtures/seed.yaml", SeedVariants.ChangedToolArgument);
        Write(temp, "repo/fixtures/rerecorded.yaml", SeedVariants.ReRecorded);

        var (exitCode, output, error) = CliRunner.Run("diff", "--git", "HEAD", Path.Combine(repo, "fixtures"));

        Assert.Equal("", error);
        Assert.StartsWith($"fixtures/seed.yaml (2 interactions changed)\n  interaction 0: {Url}\n", output, StringComparison.Ordinal);
        Assert.EndsWith("\n1 of 2 cassettes changed.\n", output, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_GitWithUnknownRevision_ExitsTwo()
    {
        var (exitCode, _, error) = CliRunner.Run("diff", "--git", "no-such-revision-here", Fixtures.Seeds);

        Assert.Equal(2, exitCode);
        Assert.Contains("\"no-such-revision-here\" is not a commit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diff", "only-one.yaml")]
    [InlineData("diff", "--git", "HEAD", "a", "b")]
    [InlineData("diff", "--format", "html", "a.yaml", "b.yaml")]
    public void Diff_BadArguments_ExitsTwo(params string[] args)
    {
        var (exitCode, _, error) = CliRunner.Run(args);

        Assert.Equal(2, exitCode);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void Diff_UnreadableCassette_ExitsTwoNamingTheFile()
    {
        using var temp = new TempDirectory();
        string bad = Write(temp, "bad.yaml", "---\nversion: 3\ninteractions: []\n");

        var (exitCode, _, error) = CliRunner.Run("diff", Fixtures.Seed(SeedVariants.Chutes), bad);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(bad + ":", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MultipartUploadWithANewBoundary_ReportsNoSemanticChange()
    {
        using var temp = new TempDirectory();
        string older = MultipartCassettes.Save(temp, "old.yaml", "boundary-recorded-1");
        string newer = MultipartCassettes.Save(temp, "new.yaml", "boundary-again-22");

        var (exitCode, output, error) = CliRunner.Run("diff", older, newer);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Diff_MultipartUploadWithAnotherField_ShowsThePartThatChanged()
    {
        using var temp = new TempDirectory();
        string older = MultipartCassettes.Save(temp, "old.yaml", "boundary-recorded-1");
        string newer = MultipartCassettes.Save(temp, "new.yaml", "boundary-again-22", model: "gpt-4o-transcribe");

        var (exitCode, output, error) = CliRunner.Run("diff", older, newer);

        Assert.Equal("", error);
        Assert.Equal(
            $"""
            {newer} (1 interaction changed)
              interaction 0: POST {MultipartCassettes.Url}
                request body
                  @@ part 2 (name="model") line 1 @@
                     <6 bytes of binary data, sha256 61fd3d9a04ac11d0…>
                   part 2 (name="model"), Content-Type text/plain; charset=utf-8:
                  -  whisper-1
                  +  gpt-4o-transcribe
                   part 3 (name="response_format"), Content-Type text/plain; charset=utf-8:
                     json

            1 of 1 cassette changed.

            """,
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_MultipartUploadWithTheLastFieldChanged_ShowsTheLastPart()
    {
        using var temp = new TempDirectory();
        string older = MultipartCassettes.Save(temp, "old.yaml", "boundary-recorded-1");
        string newer = MultipartCassettes.Save(temp, "new.yaml", "boundary-again-22", responseFormat: "verbose_json");

        var (exitCode, output, error) = CliRunner.Run("diff", older, newer);

        Assert.Equal("", error);
        Assert.Equal(
            $"""
            {newer} (1 interaction changed)
              interaction 0: POST {MultipartCassettes.Url}
                request body
                  @@ part 3 (name="response_format") line 1 @@
                     whisper-1
                   part 3 (name="response_format"), Content-Type text/plain; charset=utf-8:
                  -  json
                  +  verbose_json

            1 of 1 cassette changed.

            """,
            output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Diff_MultipartUploadWithoutItsLastField_ShowsThePartRemoved()
    {
        using var temp = new TempDirectory();
        string older = MultipartCassettes.Save(temp, "old.yaml", "boundary-recorded-1");
        string newer = MultipartCassettes.Save(temp, "new.yaml", "boundary-again-22", responseFormat: null);

        var (exitCode, output, error) = CliRunner.Run("diff", older, newer);

        Assert.Equal("", error);
        Assert.Contains(
            """
                   part 2 (name="model"), Content-Type text/plain; charset=utf-8:
                     whisper-1
                  -part 3 (name="response_format"), Content-Type text/plain; charset=utf-8:
                  -  json

            """,
            output,
            StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }

    private static string Save(TempDirectory temp, string name, Interaction interaction)
    {
        string path = temp.PathOf(name);
        TestInteractions.NewCassette(interaction).Save(path);
        return path;
    }

    private static string Write(TempDirectory temp, string name, string text)
    {
        string path = temp.PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
    }
}
