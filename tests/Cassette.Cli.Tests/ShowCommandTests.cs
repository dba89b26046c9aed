using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

public sealed class ShowCommandTests
{
    [Fact]
    public void Show_StreamedSeed_PrintsTheChatAndTheAssembledMessages()
    {
        string file = Fixtures.Seed(SeedVariants.Chutes);

        var (exitCode, output, error) = CliRunner.Run("show", file);

        Assert.Equal("", error);
        Assert.Equal(
            $"""
            {file}: 2 interactions

            interaction 0: POST https://openrouter.ai/api/v1/chat/completions
              request: model moonshotai/kimi-k2-0905, streamed, tools: weather
                system: You are a helpful assistant
                user: What's the weather in Florence,Italy?
              response: 200 OK, text/event-stream, 25 events, 1.230852709s
                assistant: I'll check the weather in Florence, Italy for you.
                tool call weather {"{"}"location": "Florence,Italy"{"}"} (id functions.weather:0)
                finish reason: tool_calls
                usage: prompt_tokens 94, completion_tokens 32, total_tokens 126, cost 0.00008436

            interaction 1: POST https://openrouter.ai/api/v1/chat/completions
              request: model moonshotai/kimi-k2-0905, streamed, tools: weather
                system: You are a helpful assistant
                user: What's the weather in Florence,Italy?
                assistant: I'll check the weather in Florence, Italy for you.
                           tool call weather {"{"}"location": "Florence,Italy"{"}"} (id functions.weather:0)
                tool (functions.weather:0): 40 C
              response: 200 OK, text/event-stream, 23 events, 1.164862917s
                assistant: The weather in Florence, Italy is currently 40°C (104°F) - quite hot!
                finish reason: stop
                usage: prompt_tokens 147, completion_tokens 20, total_tokens 167, cost 0.00008626

            """,
            output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Show_JsonResponse_PrintsThePrettyBody()
    {
        string file = Fixtures.Seed("openrouter-kimi-k2.yaml");

        var (exitCode, output, _) = CliRunner.Run("show", file);

        Assert.Equal(0, exitCode);
        // The body's leading blank lines are gone, keys are sorted; the tool-call arguments stay a JSON string.
        Assert.Contains(
            """
              response: 200 OK, application/json, 1.69516625s
                {
                  "choices": [
                    {
                      "finish_reason": "tool_calls",
            """,
            output, StringComparison.Ordinal);
        Assert.Contains("""            "arguments": "{\"location\": \"Florence\"}" """.TrimEnd(), output, StringComparison.Ordinal);
        Assert.Contains("""      "content": "The weather in Florence is currently 40°C (104°F). It`s quite hot there!",""", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_MultipartUpload_PrintsThePartsOneByOne()
    {
        using var temp = new TempDirectory();
        string file = MultipartCassettes.Save(temp, "upload.yaml", "boundary-recorded-1");

        var (exitCode, output, error) = CliRunner.Run("show", file);

        Assert.Equal("", error);
        Assert.Contains(
            $"""
            interaction 0: POST {MultipartCassettes.Url}
              request: multipart, 3 parts
                part 1 (name="file"), filename "audio.wav", Content-Type audio/wav:
                  (6 bytes of binary data)
                part 2 (name="model"), Content-Type text/plain; charset=utf-8:
                  whisper-1
                part 3 (name="response_format"), Content-Type text/plain; charset=utf-8:
                  json
              response: 200 OK, application/json, 1.5s
            """,
            output,
            StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Show_EveryCommittedFixture_Succeeds()
    {
        foreach (string file in Fixtures.AllSeeds.Concat(Fixtures.CorpusFiles).Concat(Fixtures.GoldenFiles))
        {
            var (exitCode, _, error) = CliRunner.Run("show", file);
            Assert.True(exitCode == 0, $"{file}: {error}");
        }
    }

    [Fact]
    public void Show_OllamaChatStream_PrintsTheAssembledTextToolCallTokenCountsAndDoneReason()
    {
        using var temp = new TempDirectory();
        string file = temp.PathOf("ollama.yaml");
        TestInteractions.NewCassette(OllamaChat.Recorded()).Save(file);

        var (exitCode, output, error) = CliRunner.Run("show", file);

        Assert.Equal("", error);
        Assert.Equal(
            $"""
            {file}: 1 interaction

            interaction 0: POST http://localhost:11434/api/chat
              request: model llama3.2, streamed, tools: get_weather
                user: What is the weather in Paris?
              response: 200 OK, application/x-ndjson, 5 events, 1s
                assistant: Let me check the weather in Paris.
                tool call get_weather {"{"}"city":"Paris","unit":"celsius"{"}"}
                finish reason: stop
                usage: prompt_eval_count 26, eval_count 17

            """,
            output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Show_MissingFile_ExitsTwo()
    {
        var (exitCode, _, error) = CliRunner.Run("show", "no/such.yaml");

        Assert.Equal(2, exitCode);
        Assert.Equal("no/such.yaml: no such file.\n", error);
    }
}
