using System.Text.Json;

namespace Cassette;

/// <summary>
/// A JSON value in canonical form: object properties sorted by name (ordinal), numbers as
/// <see cref="CanonicalNumber"/> text, strings decoded, ignored values left out. A string read
/// as JSON (a path went into it through <c>#</c>) holds its canonical compact text and its tree.
/// </summary>
internal sealed class JsonTree
{
    private JsonTree(JsonValueKind kind, string? value, List<KeyValuePair<string, JsonTree>>? properties, List<JsonTree>? items)
    {
        Kind = kind;
        Value = value;
        Properties = properties ?? [];
        Items = items ?? [];
    }

    /// <summary>The kind; <see cref="JsonValueKind.Undefined"/> when the whole value was ignored.</summary>
    public JsonValueKind Kind { get; }

    /// <summary>A string's value, or a number's canonical text.</summary>
    public string? Value { get; }

    public IReadOnlyList<KeyValuePair<string, JsonTree>> Properties { get; }

    public IReadOnlyList<JsonTree> Items { get; }

    /// <summary>The JSON a string holds, when a path went into it; otherwise <see langword="null"/>.</summary>
    public JsonTree? Embedded { get; private init; }

    public static JsonTree Ignored { get; } = new(JsonValueKind.Undefined, null, null, null);

    public static JsonTree Scalar(JsonValueKind kind, string? value) => new(kind, value, null, null);

    public static JsonTree EmbeddedJson(string canonicalText, JsonTree tree) =>
        new(JsonValueKind.String, canonicalText, null, null) { Embedded = tree };

    public static JsonTree Object(List<KeyValuePair<string, JsonTree>> properties) => new(JsonValueKind.Object, null, properties, null);

    public static JsonTree Array(List<JsonTree> items) => new(JsonValueKind.Array, null, null, items);
}
