namespace Cassette.MSTest.InnerTests;

/// <summary>
/// Moves the run into the folder EndToEndTests gives it: without a stamped project folder,
/// cassettes are found from the working directory, which the test host sets to the build output.
/// </summary>
[TestClass]
public static class RunFolder
{
    public const string Variable = "CASSETTE_INNER_FOLDER";

    [AssemblyInitialize]
    public static void MoveIntoTheGivenFolder(TestContext context) =>
        Directory.SetCurrentDirectory(Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException(Variable + " is not set: these tests are run by Cassette.MSTest.Tests."));
}
