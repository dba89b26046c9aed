namespace Cassette;

/// <summary>
/// How a cassette's YAML is indented. go-vcr's encoder settings differ between projects; each
/// layout is one of them, and a loaded cassette is saved back in its own.
/// </summary>
public enum CassetteLayout
{
    /// <summary>
    /// 4-space indent, sequences not indented under their key (<c>  - id: 0</c>): the layout of
    /// go-vcr v4's streamed chat recordings, and the default for new cassettes.
    /// </summary>
    Compact4,

    /// <summary>
    /// 2-space indent, sequences not indented under their key (<c>- id: 0</c> at column 0):
    /// the layout of most real-world go-vcr cassettes.
    /// </summary>
    Compact2,

    /// <summary>4-space indent, indented sequences (<c>    - id: 0</c>): go-vcr's default <c>yaml.Marshal</c>.</summary>
    Indented4,

    /// <summary>2-space indent, indented sequences (<c>  - id: 0</c>, fields at column 6).</summary>
    Indented2,
}
