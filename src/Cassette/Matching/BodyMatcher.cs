using System.Text;

namespace Cassette;

/// <summary>
/// Compares bodies: equal when both are JSON and the same JSON value (key order, whitespace
/// and number spelling do not matter, array order does), or when their bytes are equal after
/// CRLF becomes LF. Values at ignored JSON paths are left out of the comparison.
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

    public override string Canonicalize(RecordedRequest request) => Canonicalize(request.Body);

    public override string Canonicalize(LiveRequest request) => Canonicalize(request.Body);

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

    public override string ToString() => IgnoredPaths.Count == 0
        ? "body"
        : $"body ignoring JSON paths {string.Join(", ", IgnoredPaths.Select(p => $"\"{p}\""))}";

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
