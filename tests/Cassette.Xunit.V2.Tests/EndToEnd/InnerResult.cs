namespace Cassette.Xunit.Tests.EndToEnd;

/// <summary>One test's result in an inner run, as its TRX file gives it.</summary>
/// <param name="Outcome"><c>Passed</c>, <c>Failed</c> or <c>NotExecuted</c>.</param>
/// <param name="Message">The failure's message, with every exception's.</param>
/// <param name="Output">The test's output.</param>
public sealed record InnerResult(string Outcome, string Message, string Output);
