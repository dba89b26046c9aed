namespace Cassette.Cli.Checking;

/// <summary>The names of the checks, as problems and allow-list entries spell them.</summary>
internal static class CheckRule
{
    /// <summary>The file is not a readable <c>version: 2</c> cassette.</summary>
    public const string Parse = "parse";

    /// <summary>The file is not byte for byte what go-vcr would write.</summary>
    public const string Canonical = "canonical";

    /// <summary>A <c>content_length</c> disagrees with the body it describes.</summary>
    public const string ContentLength = "content-length";

    /// <summary>A credential is stored in a header, URL, form value or body.</summary>
    public const string Secret = "secret";

    public static readonly IReadOnlyList<string> All = [Parse, Canonical, ContentLength, Secret];
}
