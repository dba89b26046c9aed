namespace Cassette;

/// <summary>Where a test's cassette is kept and what ends it: what a test-framework adapter's attribute sets.</summary>
public sealed class TestCassetteSettings
{
    /// <summary>
    /// The folder of the cassettes. A relative path is taken from the test project's folder, so
    /// that recordings land in the source tree rather than in <c>bin</c>.
    /// </summary>
    /// <value><c>fixtures</c>.</value>
    public string Root { get; init; } = "fixtures";

    /// <summary>The cassette file, relative to <see cref="Root"/>; <see langword="null"/> names it after the test.</summary>
    /// <value><see langword="null"/>: <c>&lt;Class&gt;/&lt;Method&gt;.yaml</c>, and for a test with arguments <c>&lt;Class&gt;/&lt;Method&gt;(&lt;arguments&gt;).yaml</c>.</value>
    public string? Path { get; init; }

    /// <summary>Whether a test that passed fails when it did not replay every recorded interaction.</summary>
    /// <value><see langword="true"/>: stale recordings are noticed.</value>
    public bool VerifyAllPlayed { get; init; } = true;
}
