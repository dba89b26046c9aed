using System.Text;

namespace Cassette;

/// <summary>Writes cassettes as the exact bytes go-vcr v4 writes through go-yaml.</summary>
internal static class CassetteWriter
{
    /// <summary>The column of the dash before each interaction's <c>id</c>.</summary>
    public static int InteractionDashColumn(CassetteLayout layout) =>
        layout.CompactSequences() ? layout.Indent() - 2 : layout.Indent();

    /// <summary>
    /// Appends one interaction, from its <c>- id: N</c> line through its <c>duration:</c> line,
    /// each line ending in <c>\n</c>.
    /// </summary>
    public static void WriteInteraction(StringBuilder output, int id, Interaction interaction, CassetteLayout layout) =>
        throw new NotImplementedException();
}
