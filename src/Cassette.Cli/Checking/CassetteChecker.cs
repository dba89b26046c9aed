using System.Text;
using Cassette.Cli.Semantics;

namespace Cassette.Cli.Checking;

/// <summary>Runs every check on one cassette file.</summary>
internal static class CassetteChecker
{
    /// <param name="file">The cassette file.</param>
    /// <param name="notes">What the file holds besides a cassette (more YAML documents): information, not problems.</param>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static List<CheckProblem> Check(string file, out List<(int Line, string Text)> notes)
    {
        var problems = new List<CheckProblem>();
        notes = [];
        CassetteFile cassette;
        string text;
        try
        {
            byte[] bytes = File.ReadAllBytes(file);
            cassette = CassetteFile.FromBytes(bytes, file);

            // FromBytes has rejected bytes that are not UTF-8.
            text = Encoding.UTF8.GetString(bytes);
        }
        catch (CassetteFormatException e)
        {
            problems.Add(new CheckProblem(file, Math.Max(1, e.Line), CheckRule.Parse, null, e.Problem));
            return problems;
        }

        if (CassetteNotes.TrailingDocuments(cassette) is { } trailing)
        {
            notes.Add(trailing);
        }

        if (cassette.Version == 1)
        {
            // Not a go-vcr v4 file at all, so there is no line to compare, and version 1 has
            // no content_length to check.
            problems.Add(new CheckProblem(file, Math.Max(1, CassetteText.FindLine(text, "version:", 1)), CheckRule.Canonical, null, CassetteNotes.VersionOne(file)));
        }
        else if (FirstDifferentLine(text, cassette.ToCanonicalYaml()) is { } canonical)
        {
            problems.Add(new CheckProblem(file, canonical.Line, CheckRule.Canonical, null,
                $"not canonical: go-vcr would write this line as \"{Shorten(canonical.Expected)}\". Run 'cassette format --write {file}' to fix."));
        }

        var starts = CassetteText.InteractionLines(text);
        for (int id = 0; id < cassette.Interactions.Count; id++)
        {
            var interaction = cassette.Interactions[id];
            int start = id < starts.Count ? starts[id] : 1;
            if (cassette.Version == 2)
            {
                CheckContentLengths(file, text, id, start, interaction, problems);
            }

            foreach (var secret in SecretScanner.Scan(interaction))
            {
                int line = CassetteText.FindLine(text, secret.Locate, start);
                problems.Add(new CheckProblem(file, line > 0 ? line : start, CheckRule.Secret, id,
                    $"interaction {id}: {secret.Where} holds a credential (\"{secret.Shown}\"). Remove it, revoke it, and re-record: recording redacts credentials."));
            }
        }

        return problems;
    }

    private static void CheckContentLengths(string file, string text, int id, int start, Interaction interaction, List<CheckProblem> problems)
    {
        int requestLine = CassetteText.FindLine(text, "content_length:", start);
        var request = interaction.Request;

        // A client request's ContentLength of 0 or -1 means "unknown" in Go; only a positive one states the length.
        if (request.ContentLength > 0 && request.ContentLength != request.Body.Length)
        {
            problems.Add(new CheckProblem(file, requestLine > 0 ? requestLine : start, CheckRule.ContentLength, id,
                $"interaction {id}: the request's content_length is {request.ContentLength} but its body has {request.Body.Length} bytes. go-vcr records the length that was sent: re-record, or set content_length to {request.Body.Length}."));
        }

        var response = interaction.Response;

        // -1 is "unknown" (chunked or decompressed); a HEAD response or a 204/304 declares a length without a body.
        bool bodiless = request.Method == "HEAD" || response.Code is 204 or 304;
        if (response.ContentLength >= 0 && !bodiless && response.ContentLength != response.Body.Length)
        {
            int responseLine = requestLine > 0 ? CassetteText.FindLine(text, "content_length:", requestLine + 1) : 0;
            problems.Add(new CheckProblem(file, responseLine > 0 ? responseLine : start, CheckRule.ContentLength, id,
                $"interaction {id}: the response's content_length is {response.ContentLength} but its body has {response.Body.Length} bytes. go-vcr records the length that was received: re-record, or set content_length to {response.Body.Length}."));
        }
    }

    private static (int Line, string Expected)? FirstDifferentLine(string actual, string expected)
    {
        if (actual == expected)
        {
            return null;
        }

        string[] a = actual.Split('\n');
        string[] b = expected.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string left = i < a.Length ? a[i] : "";
            string right = i < b.Length ? b[i] : "";
            if (left != right || i >= a.Length || i >= b.Length)
            {
                return (i + 1, right);
            }
        }

        return (1, "");
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
