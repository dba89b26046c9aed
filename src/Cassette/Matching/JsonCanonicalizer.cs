using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cassette;

/// <summary>
/// Reads a body as JSON into a <see cref="JsonTree"/> and writes it back canonically: compact
/// for comparing, indented for showing a person. Also finds the first path where two trees differ.
/// </summary>
internal static class JsonCanonicalizer
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 256 };

    /// <summary>The body as a canonical tree, or <see langword="null"/> when it is not JSON (or holds a string that is not valid Unicode).</summary>
    public static JsonTree? TryParse(ReadOnlyMemory<byte> body, IReadOnlyList<JsonPathPattern> ignored)
    {
        if (!LooksLikeJson(body.Span))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, s_documentOptions);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            try
            {
                return Build(document.RootElement, ignored, ignored.Count == 0 ? null : []);
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-8 or UTF-16 (JsonElement.GetString refuses it):
                // the body is compared as the bytes it is.
                return null;
            }
        }
    }

    public static string Write(JsonTree tree, bool indented)
    {
        if (tree.Kind == JsonValueKind.Undefined)
        {
            return "";
        }

        var text = new StringBuilder(256);
        Write(text, tree, indented ? 0 : -1);
        return text.ToString();
    }

    /// <summary>The path of the first value that differs, such as <c>$.messages[1].content</c>; <see langword="null"/> when equal.</summary>
    public static string? FirstDifference(JsonTree a, JsonTree b) => FirstDifference(a, b, new StringBuilder("$"));

    private static string? FirstDifference(JsonTree a, JsonTree b, StringBuilder path)
    {
        if (a.Embedded is not null && b.Embedded is not null)
        {
            return FirstDifference(a.Embedded, b.Embedded, path.Append('#'));
        }

        if (a.Kind != b.Kind || !string.Equals(a.Value, b.Value, StringComparison.Ordinal))
        {
            return path.ToString();
        }

        int length = path.Length;
        if (a.Kind == JsonValueKind.Array)
        {
            int count = Math.Min(a.Items.Count, b.Items.Count);
            for (int i = 0; i < count; i++)
            {
                path.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                string? found = FirstDifference(a.Items[i], b.Items[i], path);
                if (found is not null)
                {
                    return found;
                }

                path.Length = length;
            }

            return a.Items.Count == b.Items.Count
                ? null
                : path.Append('[').Append(count.ToString(CultureInfo.InvariantCulture)).Append(']').ToString();
        }

        if (a.Kind == JsonValueKind.Object)
        {
            // Both lists are sorted by name: walk them like a merge.
            int i = 0, j = 0;
            while (i < a.Properties.Count || j < b.Properties.Count)
            {
                int order = i == a.Properties.Count ? 1
                    : j == b.Properties.Count ? -1
                    : string.CompareOrdinal(a.Properties[i].Key, b.Properties[j].Key);
                JsonPathPattern.AppendName(path, order <= 0 ? a.Properties[i].Key : b.Properties[j].Key);
                if (order != 0)
                {
                    return path.ToString();
                }

                string? found = FirstDifference(a.Properties[i].Value, b.Properties[j].Value, path);
                if (found is not null)
                {
                    return found;
                }

                path.Length = length;
                i++;
                j++;
            }
        }

        return null;
    }

    private static readonly Comparison<(string Name, int Order, JsonTree Value)> s_byName = static (a, b) =>
    {
        int order = string.CompareOrdinal(a.Name, b.Name);
        return order != 0 ? order : a.Order.CompareTo(b.Order);
    };

    private static JsonTree Build(JsonElement element, IReadOnlyList<JsonPathPattern> ignored, List<object>? path)
    {
        if (path is not null && JsonPathPattern.AnyMatches(ignored, path))
        {
            return JsonTree.Ignored;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, int Order, JsonTree Value)>();
                foreach (var property in element.EnumerateObject())
                {
                    path?.Add(property.Name);
                    var value = Build(property.Value, ignored, path);
                    path?.RemoveAt(path.Count - 1);
                    if (value.Kind != JsonValueKind.Undefined)
                    {
                        members.Add((property.Name, members.Count, value));
                    }
                }

                // Sorted by name; duplicate names keep their order.
                members.Sort(s_byName);
                var properties = new List<KeyValuePair<string, JsonTree>>(members.Count);
                foreach (var (name, _, value) in members)
                {
                    properties.Add(new(name, value));
                }

                return JsonTree.Object(properties);

            case JsonValueKind.Array:
                var items = new List<JsonTree>(element.GetArrayLength());
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    path?.Add(index++);
                    var value = Build(item, ignored, path);
                    path?.RemoveAt(path.Count - 1);
                    if (value.Kind != JsonValueKind.Undefined)
                    {
                        items.Add(value);
                    }
                }

                return JsonTree.Array(items);

            case JsonValueKind.String:
                string text = element.GetString()!;
                return path is not null && TryBuildEmbedded(text, ignored, path) is { } embedded
                    ? embedded
                    : JsonTree.Scalar(JsonValueKind.String, text);

            case JsonValueKind.Number:
                return JsonTree.Scalar(JsonValueKind.Number, CanonicalNumber.Normalize(element.GetRawText()));

            default:
                return JsonTree.Scalar(element.ValueKind, null);
        }
    }

    /// <summary>The JSON object or array a string holds, when a path goes into it; otherwise <see langword="null"/>.</summary>
    private static JsonTree? TryBuildEmbedded(string text, IReadOnlyList<JsonPathPattern> ignored, List<object> path)
    {
        if (!LooksLikeContainer(text) || !JsonPathPattern.AnyEntersString(ignored, path))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, s_documentOptions);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            path.Add(JsonPathPattern.Embedded);
            var tree = Build(document.RootElement, ignored, path);
            path.RemoveAt(path.Count - 1);
            return JsonTree.EmbeddedJson(Write(tree, indented: false), tree);
        }
    }

    /// <summary>Whether a string could hold a JSON object or array: the only values a path can go on into.</summary>
    internal static bool LooksLikeContainer(ReadOnlySpan<char> text)
    {
        int start = text.IndexOfAnyExcept(" \t\r\n");
        return start >= 0 && text[start] is '{' or '[';
    }

    // Written by hand: Utf8JsonWriter does not indent raw values, and canonical numbers are raw.
    // depth < 0 writes compactly.
    private static void Write(StringBuilder text, JsonTree tree, int depth)
    {
        int inner = depth < 0 ? -1 : depth + 1;
        switch (tree.Kind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                for (int i = 0; i < tree.Properties.Count; i++)
                {
                    StartItem(text, i, inner);
                    WriteString(text, tree.Properties[i].Key);
                    text.Append(depth < 0 ? ":" : ": ");
                    Write(text, tree.Properties[i].Value, inner);
                }

                EndContainer(text, tree.Properties.Count, depth, '}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                for (int i = 0; i < tree.Items.Count; i++)
                {
                    StartItem(text, i, inner);
                    Write(text, tree.Items[i], inner);
                }

                EndContainer(text, tree.Items.Count, depth, ']');
                break;
            case JsonValueKind.String:
                WriteString(text, tree.Value!);
                break;
            case JsonValueKind.Number:
                text.Append(tree.Value);
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static void StartItem(StringBuilder text, int i, int inner)
    {
        if (i > 0)
        {
            text.Append(',');
        }

        if (inner >= 0)
        {
            text.Append('\n').Append(' ', inner * 2);
        }
    }

    private static void EndContainer(StringBuilder text, int count, int depth, char close)
    {
        if (count > 0 && depth >= 0)
        {
            text.Append('\n').Append(' ', depth * 2);
        }

        text.Append(close);
    }

    /// <summary>A JSON string: quote, backslash and control characters escaped, everything else as is.</summary>
    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= ' ' && c != '"' && c != '\\')
            {
                continue;
            }

            text.Append(value, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        text.Append(value, start, value.Length - start).Append('"');
    }

    /// <summary>Whether the body could be JSON at all: a cheap first look before parsing.</summary>
    internal static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        int start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            return false;
        }

        byte first = body[start];
        return first is (byte)'{' or (byte)'[' or (byte)'"' or (byte)'-' or (byte)'t' or (byte)'f' or (byte)'n'
            || (first >= (byte)'0' && first <= (byte)'9');
    }
}
