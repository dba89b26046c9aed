namespace Cassette.NUnit.Tests.Support;

/// <summary>How one test of the inner run ended, as its results file tells.</summary>
/// <param name="Outcome">The results file's outcome: <c>Passed</c>, <c>Failed</c> or <c>NotExecuted</c>.</param>
/// <param name="Message">The failure or skip message; empty when there is none.</param>
/// <param name="Output">What the test wrote to its output.</param>
internal sealed record InnerTestResult(string Outcome, string Message, string Output);
