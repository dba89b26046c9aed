using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cassette.Cli.Semantics;

/// <summary>
/// JSON read into <see cref="JsonNode"/>s, for walking chat requests and stream chunks by name.
/// Comparing and pretty-printing go through the library's <c>JsonCanonicalizer</c> instead.
/// </summary>
internal static class JsonNodes
{
    /// <summary>Writes non-ASCII text as itself: the output is for people, not for a browser.</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses a body that is a JSON object or array; anything else is not JSON here.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out JsonNode? node)
    {
        node = null;
        int start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || body[start] is not ((byte)'{' or (byte)'['))
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

    public static string ToCompactText(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";
}
