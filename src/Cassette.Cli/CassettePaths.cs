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
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                        || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (string file in files)
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
}
