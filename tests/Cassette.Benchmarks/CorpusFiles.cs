namespace Cassette.Benchmarks;

/// <summary>The committed real-world corpus, read into memory once.</summary>
internal static class CorpusFiles
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cassette.sln")))
            {
                return Path.Combine(dir.FullName, "fixtures");
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the Cassette repository.");
    }

    public static string[] ReadAll() =>
        Directory.EnumerateFiles(Path.Combine(Root(), "corpus"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
}
