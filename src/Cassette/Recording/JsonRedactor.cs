using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cassette;

/// <summary>
/// Replaces the values at JSON paths by <see cref="RecordingOptions.Redacted"/> in a JSON body,
/// or in each <c>data:</c> line of a Server-Sent Events body. A path through <c>#</c> redacts in
/// the JSON a string holds, and that string is written again compactly. A body where no path
/// matches is returned as the very same bytes.
/// </summary>
internal sealed class JsonRedactor
{
    private static readonly JsonSerializerOptions s_writeOptions = new()
    {
        // Keep the text as close to what an API sends as System.Text.Json allows.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonPathPattern[] _paths;

    /// <exception cref="ArgumentException">A path is not a JSON path Cassette supports.</exception>
    public JsonRedactor(IEnumerable<string> paths)
    {
        _paths = [.. paths.Select(JsonPathPattern.Parse)];
    }

    public bool IsEmpty => _paths.Length == 0;

    public ReadOnlyMemory<byte> Apply(ReadOnlyMemory<byte> body)
    {
        if (IsEmpty || body.IsEmpty)
        {
            return body;
        }

        // An SSE body is never JSON: it is not parsed as JSON first.
        if (LooksLikeSse(body.Span))
        {
            return ApplyToSse(body);
        }

        return TryReplaceJson(body.Span, out byte[]? replaced) ? replaced : body;
    }

    private bool TryReplaceJson(ReadOnlySpan<byte> json, out byte[]? replaced)
    {
        replaced = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (root is null)
        {
            return false;
        }

        var path = new List<object>();
        if (Replacement(path, out var whole))
        {
            root = whole;
        }
        else if (ReplaceEmbedded(root, path, out var rewritten))
        {
            root = rewritten;
        }
        else if (!Replace(root, path))
        {
            return false;
        }

        replaced = Encoding.UTF8.GetBytes(root?.ToJsonString(s_writeOptions) ?? "null");
        return true;
    }

    // Replaces the selected values under node, whose position is path; true when one was.
    private bool Replace(JsonNode node, List<object> path)
    {
        bool changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (string key in obj.Select(p => p.Key).ToArray())
                {
                    path.Add(key);
                    if (Replacement(path, out var value))
                    {
                        obj[key] = value;
                        changed = true;
                    }
                    else if (obj[key] is { } child)
                    {
                        if (ReplaceEmbedded(child, path, out var rewritten))
                        {
                            obj[key] = rewritten;
                            changed = true;
                        }
                        else
                        {
                            changed |= Replace(child, path);
                        }
                    }

                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    path.Add(i);
                    if (Replacement(path, out var value))
                    {
                        array[i] = value;
                        changed = true;
                    }
                    else if (array[i] is { } child)
                    {
                        if (ReplaceEmbedded(child, path, out var rewritten))
                        {
                            array[i] = rewritten;
                            changed = true;
                        }
                        else
                        {
                            changed |= Replace(child, path);
                        }
                    }

                    path.RemoveAt(path.Count - 1);
                }

                break;
        }

        return changed;
    }

    // When node is a string holding a JSON object or array that a path goes into: the string
    // with the selected values inside it replaced; false when nothing inside was selected.
    private bool ReplaceEmbedded(JsonNode node, List<object> path, out JsonNode? rewritten)
    {
        rewritten = null;
        if (node is not JsonValue value || !value.TryGetValue(out string? text)
            || !JsonCanonicalizer.LooksLikeContainer(text) || !JsonPathPattern.AnyEntersString(_paths, path))
        {
            return false;
        }

        JsonNode? inner;
        try
        {
            inner = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return false;
        }

        path.Add(JsonPathPattern.Embedded);
        try
        {
            if (Replacement(path, out var whole))
            {
                rewritten = whole;
                return true;
            }

            if (inner is null || !Replace(inner, path))
            {
                return false;
            }

            rewritten = JsonValue.Create(inner.ToJsonString(s_writeOptions));
            return true;
        }
        finally
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    private bool Replacement(List<object> path, out JsonNode? value)
    {
        value = JsonPathPattern.AnyMatches(_paths, path) ? JsonValue.Create(RecordingOptions.Redacted) : null;
        return value is not null;
    }

    private static bool LooksLikeSse(ReadOnlySpan<byte> body) =>
        body.StartsWith("data:"u8) || body.StartsWith("event:"u8) || body.StartsWith(":"u8) || body.StartsWith("id:"u8);

    private ReadOnlyMemory<byte> ApplyToSse(ReadOnlyMemory<byte> body)
    {
        var output = new List<byte>(body.Length);
        bool changed = false;
        var span = body.Span;
        while (!span.IsEmpty)
        {
            int end = span.IndexOfAny((byte)'\n', (byte)'\r');
            var line = end < 0 ? span : span[..end];
            if (line.StartsWith("data:"u8))
            {
                var payload = line["data:".Length..];
                int space = payload.StartsWith(" "u8) ? 1 : 0;
                if (TryReplaceJson(payload[space..], out byte[]? replaced))
                {
                    output.AddRange(line[..("data:".Length + space)]);
                    output.AddRange(replaced!);
                    changed = true;
                }
                else
                {
                    output.AddRange(line);
                }
            }
            else
            {
                output.AddRange(line);
            }

            if (end < 0)
            {
                break;
            }

            output.Add(span[end]);
            span = span[(end + 1)..];
        }

        return changed ? output.ToArray() : body;
    }
}
