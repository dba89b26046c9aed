using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cassette.Cli.Semantics;

/// <summary>A line of pretty-printed JSON and the JSON path of the value it shows.</summary>
internal readonly record struct PathLine(string Text, string Path);

/// <summary>
/// Canonical JSON (the library's <c>JsonCanonicalizer</c>: keys sorted, numbers normalized,
/// masked fields left out) pretty-printed one value per line, each line with its JSON path, so a
/// diff of the lines can say where in the document a change is.
/// </summary>
internal static class JsonLines
{
    /// <summary>The body as canonical JSON with the volatile fields left out, or null when it is not JSON.</summary>
    public static JsonTree? Parse(ReadOnlyMemory<byte> body, VolatileFields volatileFields)
    {
        ArgumentNullException.ThrowIfNull(volatileFields);
        var tree = JsonCanonicalizer.TryParse(body, volatileFields.JsonPatterns);

        // The canonicalizer also reads bare scalars as JSON; a body is JSON here when it is a document.
        return tree?.Kind is JsonValueKind.Object or JsonValueKind.Array ? tree : null;
    }

    public static List<PathLine> Render(JsonTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        string[] text = JsonCanonicalizer.Write(tree, indented: true).Split('\n');
        var paths = new List<string>(text.Length);
        Walk(tree, "$", paths);
        return [.. text.Select((line, i) => new PathLine(line, paths.Count == text.Length ? paths[i] : "$"))];
    }

    public static string Compact(JsonTree tree) => JsonCanonicalizer.Write(tree, indented: false);

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

    // Follows the canonicalizer's indented layout: a non-empty container takes an opening line,
    // its members' lines and a closing line; anything else takes one line.
    private static void Walk(JsonTree tree, string path, List<string> paths)
    {
        if (tree.Kind == JsonValueKind.Object && tree.Properties.Count > 0)
        {
            paths.Add(path);
            foreach (var (name, value) in tree.Properties)
            {
                Walk(value, Child(path, name), paths);
            }

            paths.Add(path);
        }
        else if (tree.Kind == JsonValueKind.Array && tree.Items.Count > 0)
        {
            paths.Add(path);
            for (int i = 0; i < tree.Items.Count; i++)
            {
                Walk(tree.Items[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", paths);
            }

            paths.Add(path);
        }
        else
        {
            paths.Add(path);
        }
    }

    /// <summary>The same notation as the canonicalizer's <c>FirstDifference</c>.</summary>
    private static string Child(string path, string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-')
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
