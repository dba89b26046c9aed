namespace Cassette;

/// <summary>Names and indentation rules of the <see cref="CassetteLayout"/> values.</summary>
internal static class CassetteLayoutExtensions
{
    private static readonly EnumNames<CassetteLayout> s_names = new(
        (CassetteLayout.Compact4, "compact-4"),
        (CassetteLayout.Compact2, "compact-2"),
        (CassetteLayout.Indented4, "indented-4"),
        (CassetteLayout.Indented2, "indented-2"));

    /// <summary>The names accepted by <see cref="ParseLayoutName"/>, for help and error texts.</summary>
    public static IReadOnlyList<string> LayoutNames => s_names.All;

    /// <summary>The layout's command-line name, for example <c>compact-4</c>.</summary>
    public static string ToLayoutName(this CassetteLayout layout) =>
        s_names.TryName(layout, out string name) ? name : throw new InvalidOperationException($"{layout} is not a CassetteLayout value.");

    /// <summary>Finds the layout with the given command-line name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="LayoutNames"/>.</exception>
    public static CassetteLayout ParseLayoutName(string name) => s_names.Parse(name, "cassette layout");

    /// <summary>Spaces per indentation level: 2 or 4.</summary>
    internal static int Indent(this CassetteLayout layout) =>
        layout is CassetteLayout.Compact2 or CassetteLayout.Indented2 ? 2 : 4;

    /// <summary>Whether a sequence's dashes stand two columns left of where a nested mapping's keys would.</summary>
    internal static bool CompactSequences(this CassetteLayout layout) =>
        layout is CassetteLayout.Compact2 or CassetteLayout.Compact4;

    internal static CassetteLayout FromSettings(int indent, bool compactSequences) => (indent, compactSequences) switch
    {
        (2, true) => CassetteLayout.Compact2,
        (2, false) => CassetteLayout.Indented2,
        (_, true) => CassetteLayout.Compact4,
        _ => CassetteLayout.Indented4,
    };
}
