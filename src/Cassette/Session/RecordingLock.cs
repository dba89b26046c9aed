namespace Cassette;

/// <summary>
/// Holds a lock file beside a cassette while a session records into it, so that a second
/// recorder of the same file, in any process, fails at once instead of losing data at save time.
/// </summary>
/// <remarks>
/// The lock is the open file itself (<see cref="FileShare.None"/>: an advisory <c>flock</c> on
/// Unix, a share lock on Windows), so a crashed process never leaves a lock that blocks: the
/// operating system releases it with the process. A crash can leave the empty file behind; it is
/// git-ignored and reused.
/// </remarks>
internal sealed class RecordingLock : IDisposable
{
    private readonly FileStream _file;

    private RecordingLock(FileStream file) => _file = file;

    public static RecordingLock Acquire(string cassettePath)
    {
        string directory = Path.GetDirectoryName(cassettePath)!;
        Directory.CreateDirectory(directory);
        string lockPath = Path.Combine(directory, ".cassette-lock-" + Path.GetFileName(cassettePath));
        try
        {
            return new RecordingLock(new FileStream(
                lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose));
        }
        catch (IOException e)
        {
            throw new CassetteInUseException(cassettePath, e);
        }
    }

    public void Dispose() => _file.Dispose();
}
