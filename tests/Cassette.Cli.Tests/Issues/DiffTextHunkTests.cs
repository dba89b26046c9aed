using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Issues;

/// <summary>
/// Issue 14: <c>cassette diff</c> threw <see cref="ArgumentOutOfRangeException"/> (exit code 1)
/// when a compared text differed within the hunk context of its end, as a plain-text body's last
/// line does.
/// </summary>
public sealed class DiffTextHunkTests
{
    /// <summary>Plain-text response bodies, old and new, and the hunk <c>diff</c> shows for them.</summary>
    public static TheoryData<string, string, string, string[]> TextBodies => new()
    {
        { "only line differs", "x", "y", ["@@ line 1 @@", "-x", "+y"] },
        { "last line differs", "a\nb\nc\nx", "a\nb\nc\ny", ["@@ line 4 @@", " b", " c", "-x", "+y"] },
        { "first line differs", "x\nb\nc\nd", "y\nb\nc\nd", ["@@ line 1 @@", "-x", "+y", " b", " c"] },
        { "trailing newline added", "a\nb", "a\nb\n", ["@@ line 3 @@", " a", " b", "+"] },
        { "trailing newline removed", "a\nb\n", "a\nb", ["@@ line 3 @@", " a", " b", "-"] },
        { "last line before a trailing newline differs", "a\nx\n", "a\ny\n", ["@@ line 2 @@", " a", "-x", "+y", " "] },
        { "CRLF lines", "a\r\nx\r\n", "a\r\ny\r\n", ["@@ line 2 @@", " a\r", "-x\r", "+y\r", " "] },
        { "empty against text", "", "x", ["@@ line 1 @@", "+x"] },
        { "text against empty", "x\ny", "", ["@@ line 1 @@", "-x", "-y"] },
    };

    [Theory]
    [MemberData(nameof(TextBodies))]
    public void Diff_TextBodiesDiffering_ShowsTheHunk(string name, string oldBody, string newBody, string[] hunk)
    {
        _ = name;

        var (exitCode, output, error) = DiffBodies(oldBody, newBody);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Equal(Changed(hunk), output);
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

    private static string Changed(string[] lines) =>
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
