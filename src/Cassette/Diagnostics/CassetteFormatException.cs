namespace Cassette;

/// <summary>
/// A cassette file could not be read: it is not valid YAML, not <c>version: 2</c>, or a field
/// holds a value of the wrong kind. The message names the file, line and column.
/// </summary>
public sealed class CassetteFormatException : CassetteException
{
    internal CassetteFormatException(string cassettePath, int line, int column, string problem, Exception? innerException = null)
        : base(FormatMessage(cassettePath, line, column, problem), innerException)
    {
        CassettePath = cassettePath;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The path of the cassette file, or the name given to <see cref="CassetteFile.Parse"/> for text that is not a file.</summary>
    public string CassettePath { get; }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What was found and what was expected.</summary>
    public string Problem { get; }

    private static string FormatMessage(string source, int line, int column, string problem) =>
        line > 0
            ? $"{source}:{line}:{column}: {problem}"
            : $"{source}: {problem}";
}
