using System.Globalization;

namespace Cassette.Cli.Checking;

/// <summary>
/// A <c>.cassette-allow</c> file: known, deliberate deviations that <c>cassette check</c> accepts.
/// Each line is <c>RULE PATH [INTERACTION]</c>, the path relative to the file's folder, and
/// <c>#</c> starts a comment. An entry with an interaction allows that rule only in that
/// interaction, so a new problem elsewhere in the same cassette still fails.
/// </summary>
internal sealed class AllowList
{
    public const string FileName = ".cassette-allow";

    private readonly List<Entry> _entries;

    private AllowList(string path, List<Entry> entries)
    {
        FilePath = path;
        _entries = entries;
    }

    public string FilePath { get; }

    private string Folder => Path.GetDirectoryName(Path.GetFullPath(FilePath))!;

    /// <summary>Reads an allow list.</summary>
    /// <exception cref="InvalidOperationException">A line is not <c>RULE PATH [INTERACTION]</c>; the message names it.</exception>
    public static AllowList Load(string path)
    {
        var entries = new List<Entry>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            string[] words = (hash >= 0 ? line[..hash] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            int interaction = 0;
            if (words.Length > 3 || !CheckRule.All.Contains(words[0]) || words.Length < 2
                || (words.Length == 3 && !int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out interaction)))
            {
                throw new InvalidOperationException(
                    $"{path}:{i + 1}: expected \"RULE PATH [INTERACTION]\" with RULE one of {string.Join(", ", CheckRule.All)}, found \"{line.Trim()}\".");
            }

            entries.Add(new Entry(words[0], words[1], words.Length == 3 ? interaction : null, i + 1));
        }

        return new AllowList(path, entries);
    }

    public bool Allows(CheckProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        string relative = Path.GetRelativePath(Folder, Path.GetFullPath(problem.File)).Replace('\\', '/');
        foreach (var entry in _entries)
        {
            if (entry.Rule == problem.Rule && entry.Path == relative && (entry.Interaction is null || entry.Interaction == problem.Interaction))
            {
                entry.Used = true;
                return true;
            }
        }

        return false;
    }

    /// <summary>Entries for files that were checked but that allowed nothing: the deviation is gone.</summary>
    public IEnumerable<string> Unused(IReadOnlySet<string> checkedFiles)
    {
        ArgumentNullException.ThrowIfNull(checkedFiles);
        return _entries
            .Where(e => !e.Used && checkedFiles.Contains(Path.GetFullPath(Path.Combine(Folder, e.Path))))
            .Select(e => $"{FilePath}:{e.Line}: \"{e.Rule} {e.Path}{(e.Interaction is { } n ? $" {n}" : "")}\" allows nothing any more; remove the line.");
    }

    /// <summary>The allow list that governs a cassette: the nearest one in its folder or above, up to the repository root.</summary>
    public static AllowList? Find(string cassette, Dictionary<string, AllowList?> cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var visited = new List<string>();
        AllowList? found = null;
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(cassette))!); dir is not null; dir = dir.Parent)
        {
            if (cache.TryGetValue(dir.FullName, out found))
            {
                break;
            }

            visited.Add(dir.FullName);
            string candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                found = Load(candidate);
                break;
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                break;
            }
        }

        foreach (string dir in visited)
        {
            cache[dir] = found;
        }

        return found;
    }

    private sealed class Entry(string rule, string path, int? interaction, int line)
    {
        public string Rule { get; } = rule;

        public string Path { get; } = path;

        public int? Interaction { get; } = interaction;

        public int Line { get; } = line;

        public bool Used { get; set; }
    }
}
