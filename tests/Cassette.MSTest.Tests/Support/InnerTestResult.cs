namespace Cassette.MSTest.Tests.Support;

/// <summary>One test's result as MSTest wrote it in a results file: its outcome, error message and output.</summary>
internal sealed record InnerTestResult(string Outcome, string Message, string Output);
