using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cassette.Cli.Semantics;

namespace Cassette.Cli.Diffing;

/// <summary>
/// Compares two versions of a cassette by meaning: interactions paired up, bodies compared as
/// normalized JSON, streams event by event and as the assembled message, volatile fields masked.
/// </summary>
internal sealed class CassetteDiffer(VolatileFields volatileFields)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The changes, or null when the two versions mean the same. Either side may be missing.</summary>
    public CassetteDiff? Compare(string path, CassetteFile? oldCassette, string? oldText, CassetteFile? newCassette, string? newText)
    {
        var oldLines = oldText is null ? [] : CassetteText.InteractionLines(oldText);
        var newLines = newText is null ? [] : CassetteText.InteractionLines(newText);
        var olds = oldCassette?.Interactions ?? [];
        var news = newCassette?.Interactions ?? [];
        var diffs = new List<InteractionDiff>();
        foreach (var (o, n) in Pair(olds, news))
        {
            if (o is { } oi && n is { } ni)
            {
                var sections = CompareInteraction(olds[oi], news[ni]);
                if (sections.Count > 0)
                {
                    diffs.Add(new InteractionDiff(ChangeKind.Changed, oi, ni, Label(news[ni].Request), LineOf(newLines, ni), sections));
                }
            }
            else if (n is { } added)
            {
                diffs.Add(new InteractionDiff(ChangeKind.Added, null, added, Label(news[added].Request), LineOf(newLines, added), []));
            }
            else if (o is { } removed)
            {
                diffs.Add(new InteractionDiff(ChangeKind.Removed, removed, null, Label(olds[removed].Request), LineOf(oldLines, removed), []));
            }
        }

        var kind = oldCassette is null ? ChangeKind.Added : newCassette is null ? ChangeKind.Removed : ChangeKind.Changed;
        if (kind == ChangeKind.Changed && diffs.Count == 0)
        {
            return null;
        }

        return new CassetteDiff(path, kind, [.. diffs.OrderBy(d => d.NewId ?? d.OldId).ThenBy(d => d.Kind)]);
    }

    /// <summary>
    /// Pairs interactions: by id when the requests agree, then by request (an interaction that
    /// moved), then by id and method (a changed request); the rest were added or removed.
    /// </summary>
    private List<(int? Old, int? New)> Pair(IReadOnlyList<Interaction> olds, IReadOnlyList<Interaction> news)
    {
        var oldKeys = olds.Select(i => RequestKey(i.Request)).ToList();
        var newKeys = news.Select(i => RequestKey(i.Request)).ToList();
        var oldPaired = new int?[olds.Count];
        var newPaired = new int?[news.Count];

        for (int i = 0; i < Math.Min(olds.Count, news.Count); i++)
        {
            if (oldKeys[i] == newKeys[i])
            {
                oldPaired[i] = i;
                newPaired[i] = i;
            }
        }

        for (int n = 0; n < news.Count; n++)
        {
            for (int o = 0; o < olds.Count && newPaired[n] is null; o++)
            {
                if (oldPaired[o] is null && oldKeys[o] == newKeys[n])
                {
                    oldPaired[o] = n;
                    newPaired[n] = o;
                }
            }
        }

        for (int i = 0; i < Math.Min(olds.Count, news.Count); i++)
        {
            if (oldPaired[i] is null && newPaired[i] is null && olds[i].Request.Method == news[i].Request.Method)
            {
                oldPaired[i] = i;
                newPaired[i] = i;
            }
        }

        var pairs = new List<(int?, int?)>();
        for (int n = 0; n < news.Count; n++)
        {
            pairs.Add((newPaired[n], n));
        }

        for (int o = 0; o < olds.Count; o++)
        {
            if (oldPaired[o] is null)
            {
                pairs.Add((o, null));
            }
        }

        return pairs;
    }

    private string RequestKey(RecordedRequest request) =>
        request.Method + " " + request.Url + "\n" + JsonLines.ToText(RequestBodyLines(request));

    private List<SectionDiff> CompareInteraction(Interaction before, Interaction after)
    {
        var sections = new List<SectionDiff>();
        void Add(string title, List<PathLine> oldLines, List<PathLine> newLines, Func<int?, int?, string>? header = null, int context = 2)
        {
            var hunks = TextDiff.Hunks(oldLines, newLines, header, context);
            if (hunks.Count > 0)
            {
                sections.Add(new SectionDiff(title, hunks));
            }
        }

        Add("request", [new($"{before.Request.Method} {before.Request.Url}", "method and URL")], [new($"{after.Request.Method} {after.Request.Url}", "method and URL")]);
        Add("request headers", HeaderLines(before.Request.Headers), HeaderLines(after.Request.Headers));
        Add("request body", RequestBodyLines(before.Request), RequestBodyLines(after.Request));
        Add("response status", [new(StatusLine.Of(before.Response), "status")], [new(StatusLine.Of(after.Response), "status")]);
        Add("response headers", HeaderLines(before.Response.Headers), HeaderLines(after.Response.Headers));
        var oldStream = StreamBody.Parse(before.Response.Headers, before.Response.Body);
        var newStream = StreamBody.Parse(after.Response.Headers, after.Response.Body);
        if (JsonRpcLines(before) is { } oldMessages && JsonRpcLines(after) is { } newMessages)
        {
            // JSON-RPC answers are compared as messages, whether they came as JSON or as events.
            Add("response messages", oldMessages, newMessages);
        }
        else if (oldStream is not null || newStream is not null)
        {
            // A side that is not streamed is read as the other side's kind of stream.
            var oldEvents = oldStream ?? StreamBody.Parse(after.Response.Headers, before.Response.Body)!;
            var newEvents = newStream ?? StreamBody.Parse(before.Response.Headers, after.Response.Body)!;
            var oldNodes = oldEvents.Select(EventTree).ToList();
            var newNodes = newEvents.Select(EventTree).ToList();
            Add("response events", EventLines(oldEvents, oldNodes), EventLines(newEvents, newNodes), (o, n) =>
            {
                string header = $"event {n ?? o}";
                return o is { } oi && n is { } ni && oldNodes[oi] is { } a && newNodes[ni] is { } b
                    ? $"{header} {JsonCanonicalizer.FirstDifference(a, b)}"
                    : header;
            }, context: 1);
            Add("assembled message", MessageLines(oldEvents), MessageLines(newEvents));
        }
        else
        {
            Add("response body", BodyLines(before.Response.Body), BodyLines(after.Response.Body));
        }

        if (!volatileFields.IsDurationVolatile)
        {
            Add("response duration", [new(before.Response.Duration.ToString(), "duration")], [new(after.Response.Duration.ToString(), "duration")]);
        }

        return sections;
    }

    /// <summary>A JSON-RPC exchange's response messages as one JSON array, or null when the interaction is not one.</summary>
    private List<PathLine>? JsonRpcLines(Interaction interaction) =>
        JsonRpcBody.Request(interaction.Request) is not null
            && JsonRpcBody.Messages(interaction.Response) is { } messages
            && JsonLines.Parse(JsonSerializer.SerializeToUtf8Bytes(new JsonArray([.. messages.Select(m => m.DeepClone())])), volatileFields) is { } tree
            ? JsonLines.Render(tree)
            : null;

    private List<PathLine> HeaderLines(IReadOnlyDictionary<string, IReadOnlyList<string>> headers) =>
        [.. headers
            .Where(h => !volatileFields.IsVolatileHeader(h.Key))
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .SelectMany(h => h.Value.Select(v => new PathLine($"{h.Key}: {WithoutBoundary(v)}", h.Key)))];

    /// <summary>A multipart content type with its boundary left out: clients make a new one for every request.</summary>
    private static string WithoutBoundary(string value) =>
        MultipartBody.Boundary(value) is { } boundary ? value.Replace(boundary, "(boundary)", StringComparison.Ordinal) : value;

    /// <summary>The request body's lines; a multipart body part by part, each part's content as a body.</summary>
    private List<PathLine> RequestBodyLines(RecordedRequest request)
    {
        if (MultipartBody.TryParse(MultipartBody.ContentType(request), request.Body) is not { } parts)
        {
            return BodyLines(request.Body);
        }

        var lines = new List<PathLine>();
        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            string label = part.Label(i);
            lines.Add(new(part.Heading(i) + ":", label));
            lines.AddRange(BodyLines(part.Content).Select(line => new PathLine("  " + line.Text, $"{label} {line.Path}")));
        }

        return lines;
    }

    private List<PathLine> BodyLines(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        if (JsonLines.Parse(body, volatileFields) is { } tree)
        {
            return JsonLines.Render(tree);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            string hash = Convert.ToHexStringLower(SHA256.HashData(body.Span))[..16];
            return [new($"<{body.Length.ToString(CultureInfo.InvariantCulture)} bytes of binary data, sha256 {hash}…>", "binary body")];
        }

        return [.. text.Split('\n').Select((line, i) => new PathLine(line, $"line {i + 1}"))];
    }

    private JsonTree? EventTree(StreamEvent streamEvent) => JsonLines.Parse(Encoding.UTF8.GetBytes(streamEvent.Data), volatileFields);

    private static List<PathLine> EventLines(List<StreamEvent> events, List<JsonTree?> trees) =>
        [.. events.Select((e, i) => new PathLine(
            (e.EventType == "message" ? "" : $"event: {e.EventType} ") + (trees[i] is { } tree ? JsonLines.Compact(tree) : e.Data).ReplaceLineEndings(" "),
            $"event {i}"))];

    private List<PathLine> MessageLines(List<StreamEvent> events) =>
        MessageAssembler.TryAssemble(events) is { } message
            && JsonLines.Parse(JsonSerializer.SerializeToUtf8Bytes(message.ToJson()), volatileFields) is { } tree
            ? JsonLines.Render(tree)
            : [];

    private static string Label(RecordedRequest request) => $"{request.Method} {request.Url}";

    private static int LineOf(List<int> lines, int id) => id < lines.Count ? lines[id] : 1;
}
