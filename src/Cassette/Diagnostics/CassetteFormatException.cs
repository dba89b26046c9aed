namespace Cassette;

/// <summary>
/// A cassette file could not be read: it is not valid YAML, not <c>version: 2</c>, or a field
/// holds a value of the wrong kind. The message names the file, line and column.
/// </summary>
public sealed class CassetteFormatException : CassetteException
{
    /// <summary>Creates the exception for a problem at a position in a cassette file.</summary>
    /// <param name="source">The file path, or another name for where the text came from.</param>
    /// <param name="line">The 1-based line of the problem, or 0 when unknown.</param>
    /// <param name="column">The 1-based column of the problem, or 0 when unknown.</param>
    /// <param name="problem">What was found and what was expected, as a sentence.</param>
    /// <param name="innerException">The parser's own exception, if any.</param>
    public CassetteFormatException(string source, int line, int column, string problem, Exception? innerException = null)
        : base(FormatMessage(source, line, column, problem), innerException)
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file path, or another name for where the text came from.</summary>
    public new string Source { get; }

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
