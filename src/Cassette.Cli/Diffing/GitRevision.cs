using System.Diagnostics;
using System.Text;

namespace Cassette.Cli.Diffing;

/// <summary>Reads files at a git revision by running the <c>git</c> command.</summary>
internal sealed class GitRevision
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private GitRevision(string root, string revision)
    {
        Root = root;
        Revision = revision;
    }

    /// <summary>The repository's top folder.</summary>
    public string Root { get; }

    public string Revision { get; }

    /// <summary>Opens the repository that holds <paramref name="path"/> and checks that the revision exists.</summary>
    /// <exception cref="InvalidOperationException">git failed; the message says why.</exception>
    public static GitRevision Open(string path, string revision)
    {
        string folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        string root = Encoding.UTF8.GetString(Run(folder, "rev-parse", "--show-toplevel")).TrimEnd('\n', '\r');
        try
        {
            Run(root, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"\"{revision}\" is not a commit in the repository at \"{root}\". Fetch it first (for example 'git fetch origin main').", e);
        }
        return new GitRevision(root, revision);
    }

    /// <summary>Repository-relative paths of the files under <paramref name="relativePath"/> at the revision.</summary>
    public IEnumerable<string> ListFiles(string relativePath)
    {
        string names = Encoding.UTF8.GetString(Run(Root, "ls-tree", "-r", "-z", "--name-only", Revision, "--", relativePath.Length == 0 ? "." : relativePath));
        return names.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The text of a file at the revision.</summary>
    public string ReadText(string relativePath)
    {
        byte[] bytes = Run(Root, "show", $"{Revision}:{relativePath}");
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CassetteFormatException($"{Revision}:{relativePath}", 0, 0, "The file is not valid UTF-8.", e);
        }
    }

    private static byte[] Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start git.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run git ({e.Message}). --git needs git on the PATH.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string message = error.GetAwaiter().GetResult().Trim();
                throw new InvalidOperationException(
                    $"git {string.Join(' ', arguments)} failed in \"{folder}\"" + (message.Length > 0 ? $": {message}" : $" with exit code {process.ExitCode}."));
            }

            return output.ToArray();
        }
    }
}
