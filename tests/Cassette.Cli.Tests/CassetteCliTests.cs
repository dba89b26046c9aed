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

    [Fact]
    public void Run_CommandThrowsUnexpectedly_ExitsTwoWithTheException()
    {
        using var output = new ThrowingWriter();
        using var error = new StringWriter { NewLine = "\n" };
        string seed = Fixtures.Seed(SeedVariants.Chutes);

        int exitCode = CassetteCli.Run(["diff", seed, seed], output, error);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("cassette failed unexpectedly; please report this with the command and its input files. System.NotSupportedException: ", error.ToString(), StringComparison.Ordinal);
    }

    // Stands for a bug: a failure no command expects.
    private sealed class ThrowingWriter : StringWriter
    {
        public override void Write(char value) => throw new NotSupportedException("Writing is not supported.");

        public override void Write(string? value) => throw new NotSupportedException("Writing is not supported.");

        public override void WriteLine(string? value) => throw new NotSupportedException("Writing is not supported.");
    }
}
