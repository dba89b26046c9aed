using System.Text;
using System.Text.Json;

namespace Cassette;

/// <summary>
/// Where recorded requests hold the redaction placeholder (<see cref="RecordingOptions.Redacted"/>):
/// the query parameters and the JSON body paths a recorder redacted, in the JSON a string holds
/// too (<c>$.messages[2].content#.CallId</c>). Replay leaves them out of matching, since the
/// cassette no longer holds their real values.
/// </summary>
internal sealed class RedactedValues
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 256 };

    private RedactedValues(IReadOnlyCollection<string> queryParameters, IReadOnlyCollection<JsonPathPattern> jsonPaths)
    {
        QueryParameters = queryParameters;
        JsonPaths = jsonPaths;
    }

    public IReadOnlyCollection<string> QueryParameters { get; }

    public IReadOnlyCollection<JsonPathPattern> JsonPaths { get; }

    public static RedactedValues In(IEnumerable<Interaction> interactions)
    {
        var parameters = new HashSet<string>(StringComparer.Ordinal);
        var paths = new Dictionary<string, JsonPathPattern>(StringComparer.Ordinal);
        foreach (var interaction in interactions)
        {
            var request = interaction.Request;
            AddQueryParameters(request.Url, parameters);
            if (request.Body.Span.IndexOf(RecordingOptions.RedactedUtf8) >= 0)
            {
                AddJsonPaths(request.Body, [], paths);
            }
        }

        return new RedactedValues(parameters, paths.Values);
    }

    private static void AddQueryParameters(string url, HashSet<string> into)
    {
        int question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0 || !url.Contains(RecordingOptions.Redacted, StringComparison.Ordinal))
        {
            return;
        }

        int hash = url.IndexOf('#', question);
        string query = hash < 0 ? url[(question + 1)..] : url[(question + 1)..hash];
        foreach (string pair in query.Split('&'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && pair.AsSpan(equals + 1).SequenceEqual(RecordingOptions.Redacted))
            {
                into.Add(Uri.UnescapeDataString(pair[..equals].Replace('+', ' ')));
            }
        }
    }

    // path is where the JSON text sits: empty for a body, longer for JSON held in a string.
    private static void AddJsonPaths(ReadOnlyMemory<byte> json, List<object> path, Dictionary<string, JsonPathPattern> into)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_options);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            Walk(document.RootElement, path, into);
        }
    }

    private static void Walk(JsonElement element, List<object> path, Dictionary<string, JsonPathPattern> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.ValueEquals(RecordingOptions.Redacted):
                var pattern = JsonPathPattern.Exact(path);
                into.TryAdd(pattern.Text, pattern);
                break;
            case JsonValueKind.String when element.GetString() is { } text
                && text.Contains(RecordingOptions.Redacted, StringComparison.Ordinal)
                && JsonCanonicalizer.LooksLikeContainer(text):
                path.Add(JsonPathPattern.Embedded);
                AddJsonPaths(Encoding.UTF8.GetBytes(text), path, into);
                path.RemoveAt(path.Count - 1);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    path.Add(property.Name);
                    Walk(property.Value, path, into);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    path.Add(index++);
                    Walk(item, path, into);
                    path.RemoveAt(path.Count - 1);
                }

                break;
        }
    }
}
