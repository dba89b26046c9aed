namespace Cassette.TUnit.Scenarios;

/// <summary>The folder a run keeps its cassettes in: the one the outer test names in <c>CASSETTE_SCENARIOS_FOLDER</c>.</summary>
public static class RunFolder
{
    // TUnit starts in its output folder, and relative cassette paths are taken from the working
    // directory when the assembly has no project folder stamp.
    [Before(TestSession)]
    public static void UseTheRunsFolder()
    {
        if (Environment.GetEnvironmentVariable("CASSETTE_SCENARIOS_FOLDER") is { Length: > 0 } folder)
        {
            TestContext.WorkingDirectory = folder;
        }
    }
}
