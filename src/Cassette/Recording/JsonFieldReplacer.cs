using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cassette;

/// <summary>
/// Overwrites the values at JSON paths in a JSON body, or in each <c>data:</c> line of a
/// Server-Sent Events body. A body where no path matches is returned as the very same bytes.
/// </summary>
internal sealed class JsonFieldReplacer
{
    private static readonly JsonSerializerOptions s_writeOptions = new()
    {
        // Keep the text as close to what an API sends as System.Text.Json allows.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly (Step[] Steps, JsonNode? Value)[] _rules;

    public JsonFieldReplacer(IEnumerable<KeyValuePair<string, JsonNode?>> rules)
    {
        _rules = rules.Select(r => (Parse(r.Key), r.Value?.DeepClone())).ToArray();
    }

    public bool IsEmpty => _rules.Length == 0;

    public ReadOnlyMemory<byte> Apply(ReadOnlyMemory<byte> body)
    {
        if (IsEmpty || body.IsEmpty)
        {
            return body;
        }

        if (TryReplaceJson(body.Span, out byte[]? replaced))
        {
            return replaced;
        }

        return LooksLikeSse(body.Span) ? ApplyToSse(body) : body;
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

        var holder = new JsonObject { ["$"] = root };
        bool changed = false;
        foreach (var (steps, value) in _rules)
        {
            changed |= Replace(holder, "$", steps, 0, value);
        }

        if (changed)
        {
            replaced = Encoding.UTF8.GetBytes(holder["$"]!.ToJsonString(s_writeOptions));
        }

        return changed;
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

    // Replaces what the steps from index i select under parent[key].
    private static bool Replace(JsonNode parent, object key, Step[] steps, int i, JsonNode? value)
    {
        JsonNode? node = Child(parent, key);
        if (i == steps.Length)
        {
            SetChild(parent, key, value?.DeepClone());
            return true;
        }

        if (node is null)
        {
            return false;
        }

        var step = steps[i];
        bool changed = false;
        foreach (object childKey in Keys(node, step))
        {
            changed |= Replace(node, childKey, steps, i + 1, value);
        }

        if (step.Descendant)
        {
            foreach (object childKey in Keys(node, Step.Wildcard))
            {
                if (Child(node, childKey) is JsonObject or JsonArray)
                {
                    changed |= Replace(node, childKey, steps, i, value);
                }
            }
        }

        return changed;
    }

    private static object[] Keys(JsonNode node, Step step)
    {
        switch (node)
        {
            case JsonObject obj when step.Name is not null:
                return obj.ContainsKey(step.Name) ? [step.Name] : [];
            case JsonObject obj when step.IsWildcard:
                return obj.Select(p => (object)p.Key).ToArray();
            case JsonArray array when step.Index is int index:
                return index >= 0 && index < array.Count ? [index] : [];
            case JsonArray array when step.IsWildcard:
                return Enumerable.Range(0, array.Count).Cast<object>().ToArray();
            default:
                return [];
        }
    }

    private static JsonNode? Child(JsonNode parent, object key) => key switch
    {
        string name => parent.AsObject()[name],
        _ => parent.AsArray()[(int)key],
    };

    private static void SetChild(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string name)
        {
            parent.AsObject()[name] = value;
        }
        else
        {
            parent.AsArray()[(int)key] = value;
        }
    }

    /// <exception cref="ArgumentException">The path is not supported.</exception>
    internal static Step[] Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('$'))
        {
            throw Invalid(path, "it does not start with \"$\"");
        }

        var steps = new List<Step>();
        int i = 1;
        while (i < path.Length)
        {
            bool descendant = false;
            if (path.AsSpan(i).StartsWith(".."))
            {
                descendant = true;
                i += 2;
            }
            else if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] != '[')
            {
                throw Invalid(path, $"a \".\" or \"[\" was expected at position {i}");
            }

            if (i < path.Length && path[i] == '[')
            {
                int close = path.IndexOf(']', i);
                if (close < 0)
                {
                    throw Invalid(path, $"the \"[\" at position {i} is not closed");
                }

                string inside = path[(i + 1)..close].Trim();
                i = close + 1;
                if (inside == "*")
                {
                    steps.Add(Step.Wildcard with { Descendant = descendant });
                }
                else if (inside.Length >= 2 && (inside[0] is '\'' or '"') && inside[^1] == inside[0])
                {
                    steps.Add(new Step(inside[1..^1], null, descendant));
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    steps.Add(new Step(null, index, descendant));
                }
                else
                {
                    throw Invalid(path, $"\"[{inside}]\" is not a quoted name, an index or \"*\"");
                }

                continue;
            }

            int start = i;
            while (i < path.Length && path[i] is not ('.' or '['))
            {
                i++;
            }

            string name = path[start..i];
            if (name.Length == 0)
            {
                throw Invalid(path, $"a name was expected at position {start}");
            }

            steps.Add(name == "*" ? Step.Wildcard with { Descendant = descendant } : new Step(name, null, descendant));
        }

        return [.. steps];
    }

    private static ArgumentException Invalid(string path, string why) =>
        new($"The JSON path \"{path}\" is not supported: {why}. Write it like \"$.user\", \"$.messages[0].content\", \"$.items[*].id\" or \"$..encrypted_content\".", nameof(path));

    internal sealed record Step(string? Name, int? Index, bool Descendant)
    {
        public static Step Wildcard { get; } = new(null, null, false);

        public bool IsWildcard => Name is null && Index is null;
    }
}
