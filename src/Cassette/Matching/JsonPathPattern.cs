using System.Globalization;
using System.Text;

namespace Cassette;

/// <summary>
/// A JSON path that selects values to leave out of a comparison: <c>$</c> followed by
/// <c>.name</c>, <c>['name']</c>, <c>[2]</c>, <c>[*]</c> or <c>.*</c> steps, each of which may
/// be preceded by <c>..</c> to search at any depth (<c>$..obfuscation</c>), and <c>#</c> steps,
/// which enter a string that holds a JSON object or array (<c>$.messages[*].content#.CallId</c>).
/// </summary>
/// <remarks>
/// A path through <c>#</c> holds <see cref="Embedded"/> where it enters the string. <c>..</c> and
/// <c>*</c> never cross into a string on their own: only a <c>#</c> step parses one.
/// </remarks>
internal sealed class JsonPathPattern
{
    private readonly Step[] _steps;

    private JsonPathPattern(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
        EntersStrings = steps.Any(s => s.Embedded);
    }

    /// <summary>The path segment that stands for entering the JSON held in a string (<c>#</c> in a path's text).</summary>
    public static object Embedded { get; } = new EmbeddedSegment();

    public string Text { get; }

    /// <summary>Whether the pattern has a <c>#</c> step.</summary>
    public bool EntersStrings { get; }

    /// <exception cref="ArgumentException">The text is not a supported JSON path.</exception>
    public static JsonPathPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith('$'))
        {
            throw Invalid(text, "it does not start with \"$\"");
        }

        var steps = new List<Step>();
        int i = 1;
        while (i < text.Length)
        {
            bool descendant = false;
            if (text[i] == '#')
            {
                steps.Add(s_embeddedStep);
                i++;
                continue;
            }

            if (text.AsSpan(i).StartsWith(".."))
            {
                descendant = true;
                i += 2;
                if (i < text.Length && text[i] == '[')
                {
                    steps.Add(ParseBracket(text, ref i) with { Descendant = true });
                    continue;
                }
            }
            else if (text[i] == '.')
            {
                i++;
            }
            else if (text[i] == '[')
            {
                steps.Add(ParseBracket(text, ref i));
                continue;
            }
            else
            {
                throw Invalid(text, $"a \".\", \"[\" or \"#\" was expected at position {i}");
            }

            int start = i;
            while (i < text.Length && text[i] != '.' && text[i] != '[' && text[i] != '#')
            {
                i++;
            }

            if (i == start)
            {
                throw Invalid(text, $"a name was expected at position {start}");
            }

            string name = text[start..i];
            steps.Add(name == "*" ? new Step(null, -1, true, descendant) : new Step(name, -1, false, descendant));
        }

        return new JsonPathPattern(text, [.. steps]);
    }

    /// <summary>The pattern that selects exactly the value at <paramref name="path"/> (names and array indexes from the root).</summary>
    public static JsonPathPattern Exact(IReadOnlyList<object> path)
    {
        var text = new StringBuilder("$");
        var steps = new Step[path.Count];
        for (int i = 0; i < path.Count; i++)
        {
            if (path[i] == Embedded)
            {
                text.Append('#');
                steps[i] = s_embeddedStep;
            }
            else if (path[i] is int index)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                steps[i] = new Step(null, index, false, false);
            }
            else
            {
                string name = (string)path[i];
                AppendName(text, name);
                steps[i] = new Step(name, -1, false, false);
            }
        }

        return new JsonPathPattern(text.ToString(), steps);
    }

    /// <summary>Appends a member step to a path's text: <c>.name</c>, or <c>['name']</c> when the name is not an identifier.</summary>
    public static void AppendName(StringBuilder path, string name)
    {
        bool identifier = name.Length > 0 && !char.IsAsciiDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-');
        if (identifier)
        {
            path.Append('.').Append(name);
        }
        else
        {
            path.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    /// <summary>Whether the value at <paramref name="path"/> (names and array indexes from the root) is selected.</summary>
    public bool Matches(IReadOnlyList<object> path) => Matches(0, path, 0);

    /// <summary>Whether any of <paramref name="patterns"/> selects the value at <paramref name="path"/>.</summary>
    public static bool AnyMatches(IReadOnlyList<JsonPathPattern> patterns, IReadOnlyList<object> path)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.Matches(path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether any of <paramref name="patterns"/> goes on into the JSON held in the string at
    /// <paramref name="path"/>, so that the string should be read as JSON.
    /// </summary>
    public static bool AnyEntersString(IReadOnlyList<JsonPathPattern> patterns, List<object> path)
    {
        path.Add(Embedded);
        try
        {
            foreach (var pattern in patterns)
            {
                if (pattern.EntersStrings && pattern.Matches(0, path, 0, prefix: true))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    public override string ToString() => Text;

    // Whether the steps from stepIndex on consume all of path from pathIndex on; when prefix is
    // true, steps may be left over.
    private bool Matches(int stepIndex, IReadOnlyList<object> path, int pathIndex, bool prefix = false)
    {
        if (pathIndex == path.Count)
        {
            return prefix || stepIndex == _steps.Length;
        }

        if (stepIndex == _steps.Length)
        {
            return false;
        }

        var step = _steps[stepIndex];
        if (step.Accepts(path[pathIndex]) && Matches(stepIndex + 1, path, pathIndex + 1, prefix))
        {
            return true;
        }

        return step.Descendant && path[pathIndex] != Embedded && Matches(stepIndex, path, pathIndex + 1, prefix);
    }

    private static Step ParseBracket(string text, ref int i)
    {
        int close = text.IndexOf(']', i);
        if (close < 0)
        {
            throw Invalid(text, $"the \"[\" at position {i} is not closed");
        }

        string inner = text[(i + 1)..close];
        i = close + 1;
        if (inner == "*")
        {
            return new Step(null, -1, true, false);
        }

        if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
        {
            return new Step(inner[1..^1], -1, false, false);
        }

        if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            return new Step(null, index, false, false);
        }

        throw Invalid(text, $"\"[{inner}]\" is neither an index, \"*\" nor a quoted name");
    }

    private static ArgumentException Invalid(string text, string reason) => new(
        $"\"{text}\" is not a JSON path Cassette supports: {reason}. Write paths like \"$.stream_options\", \"$.messages[0].content\", \"$['a b']\", \"$..obfuscation\" or \"$.messages[*].content#.CallId\".",
        nameof(text));

    private static readonly Step s_embeddedStep = new(null, -1, false, false, Embedded: true);

    private sealed record Step(string? Name, int Index, bool Wildcard, bool Descendant, bool Embedded = false)
    {
        public bool Accepts(object segment) => Embedded
            ? segment == JsonPathPattern.Embedded
            : segment != JsonPathPattern.Embedded && (Wildcard
                || (Name is not null ? segment is string s && s == Name : segment is int n && n == Index));
    }

    private sealed class EmbeddedSegment
    {
        public override string ToString() => "#";
    }
}
