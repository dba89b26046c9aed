using System.CommandLine;
using Cassette.Cli.Showing;

namespace Cassette.Cli.Commands;

/// <summary><c>cassette show</c>: a cassette as a readable transcript.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file")
        {
            Description = "The cassette to show.",
        };

        var command = new Command(
            "show",
            """
            Show a cassette as a readable transcript: each request's method and URL (for a chat
            request the model, tools and messages) and each response's status (for a stream the
            assembled assistant message, tool calls, finish reason and usage; for JSON the
            pretty-printed body).

            Examples:
              cassette show fixtures/openrouter/tool_streaming_kimi-k2_chutes.yaml
              cassette show fixtures/openrouter/openrouter-kimi-k2.yaml | less
            """)
        {
            file,
        };
        command.SetAction(parseResult =>
        {
            string path = parseResult.GetValue(file)!;
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                TranscriptWriter.Write(CassetteFile.Load(path), path, output);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is CassetteFormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine(e is FileNotFoundException or DirectoryNotFoundException ? $"{path}: no such file." : e.Message);
                return ExitCodes.Error;
            }
        });
        return command;
    }
}
