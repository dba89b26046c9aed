namespace Cassette;

/// <summary>
/// A credential found in an interaction: where it is (a sentence fragment), a text to look for
/// in the file to find its line, and the credential shortened so the report does not repeat it.
/// </summary>
internal sealed record SecretFinding(string Where, string Locate, string Shown);
