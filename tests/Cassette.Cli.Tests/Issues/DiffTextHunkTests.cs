using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Issues;

/// <summary>
/// Issue 14: <c>cassette diff</c> threw <see cref="ArgumentOutOfRangeException"/> (exit code 1)
/// when a compared text differed within the hunk context of its end, as a plain-text body's last
/// line does.
/// </summary>
public sealed class DiffTextHunkTests
{
    [Fact]
    public void Diff_OnlyLineOfTextBodyDiffers_ShowsTheLine()
    {
        var (exitCode, output, error) = DiffBodies("x", "y");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 1 @@",
                "-x",
                "+y"),
            output);
    }

    [Fact]
    public void Diff_LastLineOfTextBodyDiffers_ShowsItAfterItsContext()
    {
        var (exitCode, output, error) = DiffBodies("a\nb\nc\nx", "a\nb\nc\ny");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 4 @@",
                " b",
                " c",
                "-x",
                "+y"),
            output);
    }

    [Fact]
    public void Diff_FirstLineOfTextBodyDiffers_ShowsItBeforeItsContext()
    {
        var (exitCode, output, error) = DiffBodies("x\nb\nc\nd", "y\nb\nc\nd");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 1 @@",
                "-x",
                "+y",
                " b",
                " c"),
            output);
    }

    [Fact]
    public void Diff_TrailingNewlineAdded_ShowsAnEmptyLastLine()
    {
        var (exitCode, output, error) = DiffBodies("a\nb", "a\nb\n");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 3 @@",
                " a",
                " b",
                "+"),
            output);
    }

    [Fact]
    public void Diff_LastLineDiffersBeforeTrailingNewline_ShowsTheLineAndTheEmptyLastLine()
    {
        var (exitCode, output, error) = DiffBodies("a\nx\n", "a\ny\n");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 2 @@",
                " a",
                "-x",
                "+y",
                " "),
            output);
    }

    [Fact]
    public void Diff_CarriageReturnsInTextBody_AreKeptInTheirLines()
    {
        var (exitCode, output, error) = DiffBodies("a\r\nx\r\n", "a\r\ny\r\n");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 2 @@",
                " a\r",
                "-x\r",
                "+y\r",
                " "),
            output);
    }

    [Fact]
    public void Diff_EmptyBodyAgainstText_ShowsTheAddedLine()
    {
        var (exitCode, output, error) = DiffBodies("", "x");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 1 @@",
                "+x"),
            output);
    }

    [Fact]
    public void Diff_TextAgainstEmptyBody_ShowsTheRemovedLines()
    {
        var (exitCode, output, error) = DiffBodies("x\ny", "");

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(
            Changed(
                "@@ line 1 @@",
                "-x",
                "-y"),
            output);
    }

    // The new file's path is replaced by its name so that the expected text is the same on every run.
    private static (int ExitCode, string Output, string Error) DiffBodies(string oldBody, string newBody)
    {
        using var temp = new TempDirectory();
        string oldPath = temp.PathOf("old.yaml");
        string newPath = temp.PathOf("new.yaml");
        File.WriteAllText(oldPath, TextCassette(oldBody));
        File.WriteAllText(newPath, TextCassette(newBody));
        var (exitCode, output, error) = CliRunner.Run("diff", "--color", "never", oldPath, newPath);
        return (exitCode, output.Replace(newPath, "new.yaml", StringComparison.Ordinal), error);
    }

    private static string Changed(params string[] lines) =>
        "new.yaml (1 interaction changed)\n  interaction 0: GET https://api.example.com/text\n    response body\n"
        + string.Concat(lines.Select(line => "      " + line + "\n"))
        + "\n1 of 1 cassette changed.\n";

    // A go-vcr version 2 cassette: one GET whose text/plain response body is the body, written as a
    // double-quoted YAML scalar so that any line break and carriage return is exact.
    private static string TextCassette(string body) => $$"""
        ---
        version: 2
        interactions:
            - id: 0
              request:
                proto: HTTP/1.1
                proto_major: 1
                proto_minor: 1
                content_length: 0
                host: api.example.com
                body: ""
                url: https://api.example.com/text
                method: GET
              response:
                proto: HTTP/1.1
                proto_major: 1
                proto_minor: 1
                content_length: {{body.Length}}
                body: "{{body.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}}"
                headers:
                    Content-Type:
                        - text/plain
                status: 200 OK
                code: 200
                duration: 1ms

        """;
}
