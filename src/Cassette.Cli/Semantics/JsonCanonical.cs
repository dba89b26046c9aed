using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cassette.Cli.Semantics;

/// <summary>
/// JSON bodies as values: parsed, properties sorted by name, volatile fields removed, so two
/// recordings that mean the same compare equal.
/// </summary>
internal static class JsonCanonical
{
    /// <summary>Writes non-ASCII text as itself: the output is for people, not for a browser.</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>Parses a body that is a JSON object or array; anything else is not JSON here.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out JsonNode? node)
    {
        node = null;
        int start = 0;
        while (start < body.Length && body[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == body.Length || body[start] is not ((byte)'{' or (byte)'['))
        {
            return false;
        }

        try
        {
            node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static bool TryParse(string text, out JsonNode? node) =>
        TryParse(System.Text.Encoding.UTF8.GetBytes(text), out node);

    /// <summary>A copy with every object's properties in ordinal order and volatile properties left out.</summary>
    public static JsonNode? Normalize(JsonNode? node, VolatileFields volatileFields)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!volatileFields.IsVolatileProperty(name))
                    {
                        sorted[name] = Normalize(value, volatileFields);
                    }
                }

                return sorted;
            case JsonArray array:
                var copy = new JsonArray();
                foreach (var item in array)
                {
                    copy.Add(Normalize(item, volatileFields));
                }

                return copy;
            default:
                return node?.DeepClone();
        }
    }

    public static string ToCompactText(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    public static string ToIndentedText(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";
}
