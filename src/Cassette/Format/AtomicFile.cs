namespace Cassette;

/// <summary>Writes files so that a reader sees either the old content or the new, never a mix.</summary>
internal static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temporary = System.IO.Path.Combine(directory, $"{TemporaryPrefix(fullPath)}{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                // Flush to the disk before the rename, or a power cut could leave an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files that saves of <paramref name="path"/> killed halfway (a crashed
    /// or stopped test run) left beside it. Call it only while nothing else can be saving that
    /// path, such as under a <see cref="RecordingLock"/>: another save's temporary file looks the
    /// same. Call it after saving <paramref name="path"/>, so that its folder exists.
    /// </summary>
    public static void DeleteLeftovers(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(fullPath)!;

        string prefix = TemporaryPrefix(fullPath);
        foreach (string leftover in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            // Exactly the prefix and a Guid: the pattern alone would also find the files of a
            // cassette whose name goes on after this one's ("a.yaml-b.yaml").
            string name = System.IO.Path.GetFileName(leftover);
            if (name.Length != prefix.Length + 32 || !Guid.TryParseExact(name.AsSpan(prefix.Length), "N", out _))
            {
                continue;
            }

            try
            {
                File.Delete(leftover);
            }
            catch (IOException)
            {
                // Still open somewhere (Windows): left for a later save.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete: left as it is.
            }
        }
    }

    // A Guid follows it; the name of the file saved is in it, so a cassette's leftovers are found by name.
    private static string TemporaryPrefix(string fullPath) => $".cassette-tmp-{System.IO.Path.GetFileName(fullPath)}-";
}
