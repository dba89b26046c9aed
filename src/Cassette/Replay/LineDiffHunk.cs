namespace Cassette;

/// <summary>
/// One hunk of a line diff: the ranges it covers in the old and new texts (end exclusive) and its
/// lines in order, each a kind (<c>' '</c> context and <c>'-'</c> removed, indexes into the old
/// lines; <c>'+'</c> added, an index into the new lines).
/// </summary>
internal sealed record LineDiffHunk(int StartA, int EndA, int StartB, int EndB, IReadOnlyList<(char Kind, int Index)> Lines);
