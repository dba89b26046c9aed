namespace Cassette.Tests.Support;

/// <summary>Paths of the committed fixtures, found from the test binaries upward.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's <c>fixtures/</c> folder.</summary>
    public static string Root => s_root.Value;

    public static string Seeds => Path.Combine(Root, "openrouter");

    public static string Corpus => Path.Combine(Root, "corpus");

    public static string Golden => Path.Combine(Root, "golden");

    public static string Seed(string name) => Path.Combine(Seeds, name);

    /// <summary>The four streamed seeds, written in go-vcr's 4-space compact layout.</summary>
    public static IEnumerable<string> StreamingSeeds =>
        Directory.EnumerateFiles(Seeds, "tool_streaming_*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> AllSeeds =>
        Directory.EnumerateFiles(Seeds, "*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> CorpusFiles =>
        Directory.EnumerateFiles(Corpus, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static IEnumerable<string> GoldenFiles =>
        Directory.EnumerateFiles(Golden, "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>A path relative to <see cref="Root"/>, for test case names.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public static string FromRelative(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cassette.sln")))
            {
                return Path.Combine(dir.FullName, "fixtures");
            }
        }

        throw new InvalidOperationException(
            $"Could not find Cassette.sln above \"{AppContext.BaseDirectory}\"; the tests read the committed fixtures/ folder.");
    }
}
