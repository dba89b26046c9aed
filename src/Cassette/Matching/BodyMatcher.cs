using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cassette;

/// <summary>
/// Compares bodies: equal when both are JSON and the same JSON value (key order, whitespace
/// and number spelling do not matter, array order does), or when their bytes are equal after
/// CRLF becomes LF. Values at ignored JSON paths are left out of the comparison. Two
/// <c>multipart/*</c> bodies are compared part by part, whatever their boundaries: each part by
/// its name, file name, content type and content, the content as a body is.
/// </summary>
internal sealed class BodyMatcher : CanonicalMatcher
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public BodyMatcher(IEnumerable<JsonPathPattern> ignoredPaths)
    {
        IgnoredPaths = ignoredPaths.DistinctBy(p => p.Text, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<JsonPathPattern> IgnoredPaths { get; }

    /// <summary>This matcher with more JSON paths left out; itself when it leaves them out already.</summary>
    public BodyMatcher Ignoring(IReadOnlyCollection<JsonPathPattern> paths) =>
        paths.All(p => IgnoredPaths.Any(i => i.Text == p.Text)) ? this : new BodyMatcher(IgnoredPaths.Concat(paths));

    public override string Canonicalize(RecordedRequest request) => Canonicalize(MultipartBody.ContentType(request), request.Body);

    public override string Canonicalize(LiveRequest request) => Canonicalize(request.ContentType, request.Body);

    public string Canonicalize(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (MultipartBody.TryParse(contentType, body) is not { } parts)
        {
            return Canonicalize(body);
        }

        var text = new StringBuilder("multipart:");
        foreach (var part in parts)
        {
            // Each field after its length, so no field's text can imitate the next one.
            foreach (string field in (string[])[part.Name ?? "", part.FileName ?? "", part.ContentType ?? "", Canonicalize(part.ContentType, part.Content)])
            {
                text.Append(field.Length).Append(':').Append(field);
            }
        }

        return text.ToString();
    }

    public string Canonicalize(ReadOnlyMemory<byte> body)
    {
        var json = new CanonicalJsonWriter();
        try
        {
            if (json.TryAppendJson(body.Span, IgnoredPaths))
            {
                return "json:" + Encoding.UTF8.GetString(json.Written);
            }
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 or UTF-16: the body is compared as the bytes it is.
        }

        var (text, binary) = NormalizedText(body.Span);
        return (binary ? "bytes:" : "text:") + text;
    }

    /// <summary>The body as a person should see it in a diff, and its JSON tree when it is JSON.</summary>
    public (string Text, JsonTree? Tree) Describe(ReadOnlyMemory<byte> body)
    {
        var tree = JsonCanonicalizer.TryParse(body, IgnoredPaths);
        return tree is not null ? (JsonCanonicalizer.Write(tree, indented: true), tree) : (NormalizedText(body.Span).Text, null);
    }

    /// <summary>A multipart body as a person should see it in a diff, part by part; <see langword="null"/> when it is not multipart.</summary>
    public string? DescribeParts(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (MultipartBody.TryParse(contentType, body) is not { } parts)
        {
            return null;
        }

        var text = new StringBuilder();
        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            text.Append(part.Heading(i)).Append(":\n");
            string content = DescribeParts(part.ContentType, part.Content) ?? DescribeContent(part.Content);
            text.Append(content);
            if (content.Length > 0 && !content.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The first way two multipart bodies differ, such as <c>part 2 (name="model"): "whisper-1" vs "gpt-4o-transcribe"</c>;
    /// <see langword="null"/> when either is not multipart or they match.
    /// </summary>
    public string? FirstPartDifference(string? recordedContentType, ReadOnlyMemory<byte> recorded, string? requestContentType, ReadOnlyMemory<byte> request)
    {
        if (MultipartBody.TryParse(recordedContentType, recorded) is not { } was || MultipartBody.TryParse(requestContentType, request) is not { } now)
        {
            return null;
        }

        if (was.Count != now.Count)
        {
            return $"part count differs: {was.Count} recorded ({Names(was)}), {now.Count} in the request ({Names(now)})";
        }

        for (int i = 0; i < was.Count; i++)
        {
            var (a, b) = (was[i], now[i]);
            string? difference =
                a.Name != b.Name ? $"name {Quote(a.Name)} vs {Quote(b.Name)}"
                : a.FileName != b.FileName ? $"filename {Quote(a.FileName)} vs {Quote(b.FileName)}"
                : a.ContentType != b.ContentType ? $"content type {Quote(a.ContentType)} vs {Quote(b.ContentType)}"
                : Canonicalize(a.ContentType, a.Content) != Canonicalize(b.ContentType, b.Content) ? ContentDifference(a, b)
                : null;
            if (difference is not null)
            {
                return $"{a.Label(i)}: {difference}";
            }
        }

        return null;
    }

    public override string ToString() => IgnoredPaths.Count == 0
        ? "body"
        : $"body ignoring JSON paths {string.Join(", ", IgnoredPaths.Select(p => $"\"{p}\""))}";

    private string ContentDifference(MultipartPart a, MultipartPart b)
    {
        if (FirstPartDifference(a.ContentType, a.Content, b.ContentType, b.Content) is { } nested)
        {
            return nested;
        }

        if (JsonCanonicalizer.TryParse(a.Content, IgnoredPaths) is { } x && JsonCanonicalizer.TryParse(b.Content, IgnoredPaths) is { } y)
        {
            return $"JSON differs at {JsonCanonicalizer.FirstDifference(x, y)}";
        }

        var (textA, binaryA) = NormalizedText(a.Content.Span);
        var (textB, binaryB) = NormalizedText(b.Content.Span);
        if (binaryA || binaryB)
        {
            int at = a.Content.Span.CommonPrefixLength(b.Content.Span);
            return $"{a.Content.Length} bytes vs {b.Content.Length} bytes, first difference at byte {at.ToString(CultureInfo.InvariantCulture)}";
        }

        string[] linesA = textA.Split('\n');
        string[] linesB = textB.Split('\n');
        int line = Enumerable.Range(0, Math.Min(linesA.Length, linesB.Length)).FirstOrDefault(i => linesA[i] != linesB[i], Math.Min(linesA.Length, linesB.Length));
        string where = linesA.Length == 1 && linesB.Length == 1 ? "" : $"line {line + 1}: ";
        return $"{where}{Quote(linesA.ElementAtOrDefault(line))} vs {Quote(linesB.ElementAtOrDefault(line))}";
    }

    private string DescribeContent(ReadOnlyMemory<byte> content)
    {
        var (text, tree) = Describe(content);
        if (tree is null && NormalizedText(content.Span).Binary)
        {
            return $"({content.Length} bytes, SHA-256 {Convert.ToHexString(SHA256.HashData(content.Span)).ToLowerInvariant()})";
        }

        return text;
    }

    private static string Names(IReadOnlyList<MultipartPart> parts) => string.Join(", ", parts.Select(p => p.Name ?? "unnamed"));

    private static string Quote(string? value)
    {
        const int Shown = 80;
        return value is null ? "none" : value.Length <= Shown ? $"\"{value}\"" : $"\"{value[..Shown]}…\"";
    }

    private static (string Text, bool Binary) NormalizedText(ReadOnlySpan<byte> body)
    {
        byte[] bytes = body.ToArray();
        int length = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (!(bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n'))
            {
                bytes[length++] = bytes[i];
            }
        }

        try
        {
            return (s_strictUtf8.GetString(bytes, 0, length), false);
        }
        catch (DecoderFallbackException)
        {
            return ("base64 of bytes that are not UTF-8: " + Convert.ToBase64String(bytes, 0, length), true);
        }
    }
}
