using Cassette.Cli.Semantics;

namespace Cassette.Cli.Diffing;

/// <summary>Where the old and new versions of each cassette come from: two files, two folders, or git.</summary>
internal static class Sides
{
    /// <summary>
    /// One cassette to compare. A reader returns null when that side has no such file.
    /// Files found by walking a folder are skipped when they are YAML but not cassettes.
    /// </summary>
    internal sealed record Pair(string Path, string OldName, Func<string?> ReadOld, string NewName, Func<string?> ReadNew, bool SkipIfNotCassette);

    public static Func<List<Pair>> FromPaths(string oldPath, string newPath) => () =>
    {
        if (File.Exists(oldPath) && File.Exists(newPath))
        {
            return [new Pair(Display(newPath), oldPath, () => File.ReadAllText(oldPath), newPath, () => File.ReadAllText(newPath), SkipIfNotCassette: false)];
        }

        if (Directory.Exists(oldPath) && Directory.Exists(newPath))
        {
            var oldFiles = YamlFiles(oldPath);
            var newFiles = YamlFiles(newPath);
            return [.. oldFiles.Union(newFiles).Order(StringComparer.Ordinal).Select(relative =>
            {
                string oldFile = Path.Combine(oldPath, relative);
                string newFile = Path.Combine(newPath, relative);
                return new Pair(
                    Display(oldFiles.Contains(relative) && !newFiles.Contains(relative) ? oldFile : newFile),
                    oldFile, () => oldFiles.Contains(relative) ? File.ReadAllText(oldFile) : null,
                    newFile, () => newFiles.Contains(relative) ? File.ReadAllText(newFile) : null,
                    SkipIfNotCassette: true);
            })];
        }

        foreach (string path in new[] { oldPath, newPath })
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new IOException($"{path}: no such file or folder.");
            }
        }

        throw new InvalidOperationException($"\"{oldPath}\" and \"{newPath}\" must both be files or both be folders.");
    };

    public static Func<List<Pair>> FromGit(string revision, string path) => () =>
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new IOException($"{path}: no such file or folder.");
        }

        var git = GitRevision.Open(path, revision);
        string prefix = Relative(git.Root, Path.GetFullPath(path));
        var oldFiles = git.ListFiles(prefix).Where(CassettePaths.IsYaml).ToHashSet(StringComparer.Ordinal);
        var newFiles = (File.Exists(path) ? [Path.GetFullPath(path)] : CassettePaths.YamlFilesUnder(path))
            .Select(f => Relative(git.Root, Path.GetFullPath(f)))
            .ToHashSet(StringComparer.Ordinal);
        return [.. oldFiles.Union(newFiles).Order(StringComparer.Ordinal).Select(relative =>
        {
            string full = Path.Combine(git.Root, relative);
            return new Pair(
                relative,
                $"{revision}:{relative}", () => oldFiles.Contains(relative) ? git.ReadText(relative) : null,
                full, () => newFiles.Contains(relative) ? File.ReadAllText(full) : null,
                SkipIfNotCassette: true);
        })];
    };

    private static HashSet<string> YamlFiles(string folder) =>
        CassettePaths.YamlFilesUnder(folder)
            .Select(f => Relative(folder, f))
            .ToHashSet(StringComparer.Ordinal);

    private static string Relative(string root, string path)
    {
        string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative == "." ? "" : relative;
    }

    private static string Display(string path) => path.Replace('\\', '/');
}
