namespace Cassette.Cli;

/// <summary>The tool's exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was as it should be.</summary>
    public const int Success = 0;

    /// <summary>The command found something: a file that is not canonical, a change, a problem.</summary>
    public const int Found = 1;

    /// <summary>The command could not do its work: unreadable input, bad arguments.</summary>
    public const int Error = 2;
}
