using System.CommandLine;
using System.CommandLine.Help;
using Cassette.Cli.Commands;

namespace Cassette.Cli;

/// <summary>The <c>cassette</c> command line: builds the commands and runs one.</summary>
internal static class CassetteCli
{
    /// <summary>Runs the tool with the given arguments and writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // A plain command named "cassette" rather than RootCommand, which takes its name from
        // the assembly (Cassette.Cli) instead of the tool's command name.
        var root = new Command("cassette", "Cassette: format, check, diff, show and serve go-vcr version 2 cassettes.")
        {
            new HelpOption(),
            new VersionOption(),
            FormatCommand.Create(),
            DiffCommand.Create(),
            CheckCommand.Create(),
            ShowCommand.Create(),
            ServeCommand.Create(),
        };

        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            error.WriteLine("Run 'cassette --help' for usage.");
            return ExitCodes.Error;
        }

        // InvokeAsync, not Invoke: only the asynchronous path turns Ctrl+C into cancellation,
        // which `serve` needs to stop cleanly.
        try
        {
            return parseResult.InvokeAsync(configuration).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // System.CommandLine's own handler exits with 1, which reads as "found a change".
            error.WriteLine($"cassette failed unexpectedly; please report this with the command and its input files. {e}");
            return ExitCodes.Error;
        }
    }
}
