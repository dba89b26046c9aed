namespace Cassette.Cli;

/// <summary>Expands command-line paths (files or folders) into cassette files.</summary>
internal static class CassettePaths
{
    /// <summary>
    /// Each file as given, and every <c>.yaml</c>/<c>.yml</c> file below each folder, in ordinal
    /// order so output is the same on every machine.
    /// </summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths, TextWriter error, Action onMissing)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string file in YamlFilesUnder(path).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                error.WriteLine($"{path}: no such file or folder.");
                onMissing();
            }
        }
    }

    /// <summary>
    /// Every <c>.yaml</c>/<c>.yml</c> file below <paramref name="folder"/>, in no particular order,
    /// but the <c>NAME.partial.yaml</c> files a failed recording run leaves beside a cassette:
    /// they are not fixtures (a file named on the command line is always taken).
    /// </summary>
    public static IEnumerable<string> YamlFilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => IsYaml(f) && !IsPartial(f));

    private static bool IsPartial(string file) =>
        Path.GetFileNameWithoutExtension(file).EndsWith(".partial", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a file name has a YAML extension, the files cassette commands look at.</summary>
    public static bool IsYaml(string file) =>
        file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
