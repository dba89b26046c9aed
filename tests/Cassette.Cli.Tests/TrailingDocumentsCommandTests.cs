using Cassette.Tests.Support;

namespace Cassette.Cli.Tests;

/// <summary>
/// <c>show</c>, <c>check</c> and <c>format</c> on a cassette followed by more YAML documents: they
/// say the documents are there, as information, and <c>format</c> keeps them byte for byte.
/// </summary>
public sealed class TrailingDocumentsCommandTests
{
    private const string Note = "1 more YAML document follows the cassette, from line 34. go-vcr reads only the first document; Cassette keeps the others byte for byte when it saves the file.";

    private static string WithVariables => Path.Combine(Fixtures.Root, "multidoc", "openrouter-simple-with-variables.yaml");

    /// <summary>The fixture's second document, as written in the file after the cassette's 33 lines.</summary>
    private static string VariablesDocument => string.Concat(File.ReadAllLines(WithVariables).Skip(33).Select(line => line + "\n"));

    [Fact]
    public void Show_CassetteWithAVariablesDocument_SaysItIsThere()
    {
        var (exitCode, output, error) = CliRunner.Run("show", WithVariables);

        Assert.Equal("", error);
        Assert.StartsWith($"{WithVariables}: 1 interaction\nnote: {Note}\n\ninteraction 0: POST https://openrouter.ai/api/v1/chat/completions\n", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Check_CassetteWithAVariablesDocument_PrintsANoteAndFindsNoProblem()
    {
        var (exitCode, output, error) = CliRunner.Run("check", "--strict", WithVariables);

        Assert.Equal("", error);
        Assert.Equal($"{WithVariables}:34: note: {Note}\n1 cassette checked: no problems.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Check_GithubFormat_WritesTheNoteAsANoticeAnnotation()
    {
        var (exitCode, output, _) = CliRunner.Run("check", "--strict", "--format", "github", WithVariables);

        Assert.StartsWith($"::notice file={WithVariables},line=34,title=cassette check%3A note::1 more YAML document follows", output, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Format_WriteInAnotherLayout_RewritesTheCassetteAndKeepsTheDocumentByteForByte()
    {
        using var temp = new TempDirectory();
        string path = temp.Copy(WithVariables);

        var (exitCode, output, error) = CliRunner.Run("format", "--write", "--layout", "indented-4", path);

        Assert.Equal("", error);
        Assert.Equal($"formatted {path}\n", output);
        Assert.Equal(0, exitCode);
        string text = File.ReadAllText(path);
        Assert.StartsWith("---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n", text, StringComparison.Ordinal);
        Assert.EndsWith("        duration: 577.611958ms\n" + VariablesDocument, text, StringComparison.Ordinal);
        Assert.Equal(CassetteFile.Load(WithVariables).Interactions, CassetteFile.Load(path).Interactions);
    }

    [Fact]
    public void Format_Check_CassetteWithAVariablesDocument_IsCanonical()
    {
        var (exitCode, output, error) = CliRunner.Run("format", "--check", WithVariables);

        Assert.Equal(("", ""), (output, error));
        Assert.Equal(0, exitCode);
    }
}
