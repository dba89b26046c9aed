using System.Text;

namespace Cassette;

/// <summary>Writes the message of a <see cref="CassetteMismatchException"/> and of a <see cref="CassetteUnplayedException"/>.</summary>
internal static class MismatchReport
{
    private const int NearestShown = 3;

    private const string RecordHint = "re-record the cassette with CASSETTE_MODE=record";

    public static string NoMatch(InteractionIndex index, RecordedRequest request, string[] requestParts, string? cassettePath)
    {
        string cassette = Describe(cassettePath);
        string subject = $"{request.Method} {request.Url}";

        int played = index.PlayedMatches(request, requestParts).DefaultIfEmpty(-1).First();
        if (played >= 0)
        {
            return $"The request {subject} matches interaction {played} of {cassette}, but that interaction was already played, "
                + "and each interaction is played once. If the code under test sends this request again on purpose, set "
                + $"ReplayOptions.AllowRepeats = true; otherwise {RecordHint} so that it holds every request.";
        }

        var text = new StringBuilder();
        int playedCount = Enumerable.Range(0, index.Interactions.Count).Count(index.IsPlayed);
        text.Append("No recorded interaction matches the request ").Append(subject).Append(" in ").Append(cassette)
            .Append(" (").Append(index.Interactions.Count).Append(" interactions, ").Append(playedCount).Append(" played).\n");

        if (index.Interactions.Count == 0)
        {
            text.Append("\nThe cassette has no interactions. To fix it, ").Append(RecordHint).Append('.');
            return text.ToString();
        }

        var candidates = Enumerable.Range(0, index.Interactions.Count)
            .Select(i => Evaluate(index, request, requestParts, i))
            .OrderByDescending(c => c.Passed)
            .ThenByDescending(c => c.BodySimilarity)
            .ThenBy(c => c.Index)
            .Take(NearestShown)
            .ToList();

        string parts = string.Join(", ", index.BuiltIn.Concat(index.Custom).Select(m => m.ToString()));
        text.Append("\nNearest recorded interactions (matched by ").Append(parts).Append("):\n");
        for (int rank = 0; rank < candidates.Count; rank++)
        {
            var c = candidates[rank];
            var recorded = index.Interactions[c.Index].Request;
            text.Append("  ").Append(rank + 1).Append(". interaction ").Append(c.Index).Append(", ")
                .Append(recorded.Method).Append(' ').Append(recorded.Url)
                .Append(index.IsPlayed(c.Index) ? " (played)" : " (not played)").Append(": ")
                .Append(string.Join(", ", c.Results)).Append('\n');
        }

        var nearest = candidates[0];
        var body = index.BuiltIn.OfType<BodyMatcher>().FirstOrDefault();
        string? differingPath = null;
        if (body is not null && !nearest.BodyPassed)
        {
            differingPath = AppendBodyDifference(text, body, index.Interactions[nearest.Index].Request, request, nearest.Index);
        }

        string example = differingPath is null or "$"
            ? "RequestMatchers.Url(\"key\") ignores a query parameter, RequestMatchers.Body(\"$.metadata\") a JSON value"
            : $"Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body(\"{differingPath}\")] ignores the value that differs";
        text.Append("\nHow to fix it: if the request changed on purpose, ").Append(RecordHint)
            .Append("; if the difference does not matter, leave it out of matching through ReplayOptions.Matchers (")
            .Append(example).Append(").");
        return text.ToString();
    }

    /// <summary>Writes how the bodies differ; returns the JSON path of the first difference when both are JSON.</summary>
    private static string? AppendBodyDifference(StringBuilder text, BodyMatcher body, RecordedRequest recorded, RecordedRequest request, int interaction)
    {
        string? recordedType = MultipartBody.ContentType(recorded);
        string? requestType = MultipartBody.ContentType(request);
        if (body.DescribeParts(recordedType, recorded.Body) is { } recordedParts && body.DescribeParts(requestType, request.Body) is { } requestParts)
        {
            text.Append("\nBody of interaction ").Append(interaction).Append(" (-) against the request (+), part by part");
            if (body.FirstPartDifference(recordedType, recorded.Body, requestType, request.Body) is { } difference)
            {
                text.Append("; ").Append(difference);
            }

            text.Append(":\n").Append(UnifiedDiff.Create(recordedParts, requestParts, $"interaction {interaction} (recorded)", "request"));
            return null;
        }

        var (recordedText, recordedTree) = body.Describe(recorded.Body);
        var (requestText, requestTree) = body.Describe(request.Body);
        bool json = recordedTree is not null && requestTree is not null;
        string? differingPath = json ? JsonCanonicalizer.FirstDifference(recordedTree!, requestTree!) : null;
        text.Append("\nBody of interaction ").Append(interaction).Append(" (-) against the request (+)")
            .Append(json ? $", as key-sorted JSON; first difference at {differingPath}" : "")
            .Append(":\n")
            .Append(UnifiedDiff.Create(recordedText, requestText, $"interaction {interaction} (recorded)", "request"));
        return differingPath;
    }

    public static string Unplayed(IReadOnlyList<Interaction> interactions, IReadOnlyList<int> unplayed, string? cassettePath)
    {
        var text = new StringBuilder();
        text.Append(unplayed.Count).Append(" of the ").Append(interactions.Count).Append(" interactions in ")
            .Append(Describe(cassettePath)).Append(unplayed.Count == 1 ? " was" : " were").Append(" never played:\n");
        foreach (int i in unplayed)
        {
            var request = interactions[i].Request;
            text.Append("  interaction ").Append(i).Append(": ").Append(request.Method).Append(' ').Append(request.Url).Append('\n');
        }

        text.Append("The code under test sent fewer requests than were recorded. If it no longer sends them, ")
            .Append(RecordHint).Append("; otherwise check why they were not sent.");
        return text.ToString();
    }

    private static string Describe(string? cassettePath) =>
        cassettePath is null ? "the cassette (not loaded from a file)" : $"cassette \"{cassettePath}\"";

    private static Candidate Evaluate(InteractionIndex index, RecordedRequest request, string[] requestParts, int i)
    {
        var recordedParts = index.RecordedParts(i);
        var recorded = index.Interactions[i].Request;
        var results = new List<string>();
        int passed = 0;
        bool bodyPassed = true;
        int similarity = 0;
        for (int m = 0; m < index.BuiltIn.Count; m++)
        {
            var matcher = index.BuiltIn[m];
            bool ok = string.Equals(requestParts[m], recordedParts[m], StringComparison.Ordinal);
            passed += ok ? 1 : 0;
            string detail = "";
            switch (matcher)
            {
                case BodyMatcher:
                    bodyPassed = ok;
                    similarity = requestParts[m].AsSpan().CommonPrefixLength(recordedParts[m]);
                    break;
                case MethodMatcher when !ok:
                    detail = $" (recorded \"{recorded.Method}\")";
                    break;
                case UrlMatcher when !ok:
                    detail = $" (recorded \"{recorded.Url}\")";
                    break;
                case HeaderMatcher when !ok:
                    detail = $" (recorded \"{recordedParts[m].Replace("\n", "\", \"", StringComparison.Ordinal)}\", "
                        + $"request \"{requestParts[m].Replace("\n", "\", \"", StringComparison.Ordinal)}\")";
                    break;
            }

            results.Add($"{matcher} {(ok ? "passed" : "FAILED")}{detail}");
        }

        foreach (var matcher in index.Custom)
        {
            bool ok = matcher.Matches(request, recorded);
            passed += ok ? 1 : 0;
            results.Add($"{matcher} {(ok ? "passed" : "FAILED")}");
        }

        return new Candidate(i, passed, bodyPassed, similarity, results);
    }

    private sealed record Candidate(int Index, int Passed, bool BodyPassed, int BodySimilarity, List<string> Results);
}
