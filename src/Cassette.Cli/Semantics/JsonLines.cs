using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Cassette.Cli.Semantics;

/// <summary>A line of pretty-printed JSON and the JSON path of the value it shows.</summary>
internal readonly record struct PathLine(string Text, string Path);

/// <summary>
/// Pretty-prints JSON one value per line (2-space indent) and remembers each line's JSON path,
/// so a diff of the lines can say where in the document a change is.
/// </summary>
internal static class JsonLines
{
    public static List<PathLine> Render(JsonNode? node, string root = "$")
    {
        var lines = new List<PathLine>();
        Write(lines, node, root, indent: 0, prefix: "", suffix: "");
        return lines;
    }

    public static string Child(string path, string name) =>
        IsIdentifier(name) ? $"{path}.{name}" : $"{path}[{JsonCanonical.ToCompactText(JsonValue.Create(name))}]";

    public static string Index(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The path of the first value that differs between two documents, or null when they are equal.</summary>
    public static string? FirstDifference(JsonNode? left, JsonNode? right, string path = "$")
    {
        if (JsonNode.DeepEquals(left, right))
        {
            return null;
        }

        if (left is JsonObject a && right is JsonObject b)
        {
            foreach (string name in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                bool inA = a.TryGetPropertyValue(name, out var va);
                bool inB = b.TryGetPropertyValue(name, out var vb);
                if (inA != inB)
                {
                    return Child(path, name);
                }

                if (FirstDifference(va, vb, Child(path, name)) is { } found)
                {
                    return found;
                }
            }
        }
        else if (left is JsonArray x && right is JsonArray y)
        {
            for (int i = 0; i < Math.Max(x.Count, y.Count); i++)
            {
                if (i >= x.Count || i >= y.Count)
                {
                    return Index(path, i);
                }

                if (FirstDifference(x[i], y[i], Index(path, i)) is { } found)
                {
                    return found;
                }
            }
        }

        return path;
    }

    private static void Write(List<PathLine> lines, JsonNode? node, string path, int indent, string prefix, string suffix)
    {
        string pad = new(' ', indent);
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                lines.Add(new(pad + prefix + "{", path));
                int i = 0;
                foreach (var (name, value) in obj)
                {
                    string key = JsonCanonical.ToCompactText(JsonValue.Create(name)) + ": ";
                    Write(lines, value, Child(path, name), indent + 2, key, ++i < obj.Count ? "," : "");
                }

                lines.Add(new(pad + "}" + suffix, path));
                break;
            case JsonArray array when array.Count > 0:
                lines.Add(new(pad + prefix + "[", path));
                for (int j = 0; j < array.Count; j++)
                {
                    Write(lines, array[j], Index(path, j), indent + 2, "", j + 1 < array.Count ? "," : "");
                }

                lines.Add(new(pad + "]" + suffix, path));
                break;
            default:
                lines.Add(new(pad + prefix + JsonCanonical.ToCompactText(node) + suffix, path));
                break;
        }
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '$')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Joins rendered lines into text, one <c>\n</c> after each.</summary>
    public static string ToText(IEnumerable<PathLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }
}
