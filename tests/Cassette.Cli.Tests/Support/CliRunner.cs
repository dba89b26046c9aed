using Cassette.Cli;

namespace Cassette.Tests.Support;

/// <summary>Runs the <c>cassette</c> tool in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        int exitCode = CassetteCli.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
