using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

public sealed class CassetteCliTests
{
    [Theory]
    [InlineData("format")]
    [InlineData("diff")]
    [InlineData("check")]
    [InlineData("show")]
    [InlineData("serve")]
    public void Help_EveryCommand_ExitsZeroWithAnExample(string command)
    {
        var (exitCode, output, error) = CliRunner.Run(command, "--help");

        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Assert.Contains($"Examples:\n    cassette {command} ", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
