namespace Cassette;

/// <summary>Names of the <see cref="CassetteDialect"/> values and how a file shows its dialect.</summary>
internal static class CassetteDialectExtensions
{
    private static readonly EnumNames<CassetteDialect> s_names = new(
        (CassetteDialect.OmitEmpty, "omit-empty"),
        (CassetteDialect.EveryField, "every-field"));

    /// <summary>The names accepted by <see cref="ParseDialectName"/>, for help and error texts.</summary>
    public static IReadOnlyList<string> DialectNames => s_names.All;

    /// <summary>Finds the dialect with the given command-line name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="DialectNames"/>.</exception>
    public static CassetteDialect ParseDialectName(string name) => s_names.Parse(name, "cassette dialect");

    /// <summary>Whether a field that go-vcr v4.0.3+ leaves out when empty is written.</summary>
    internal static bool Writes(this CassetteDialect dialect, bool hasValue) =>
        hasValue || dialect == CassetteDialect.EveryField;

    /// <summary>
    /// Whether a request, read with the set of keys it wrote, shows a field that only the
    /// every-field dialect writes: one that omit-empty go-vcr leaves out, written with its empty value.
    /// </summary>
    internal static bool ShowsEveryField(IReadOnlySet<string> keys, RecordedRequest request) =>
        (keys.Contains("transfer_encoding") && request.TransferEncoding.Count == 0)
        || (keys.Contains("trailer") && request.Trailer.Count == 0)
        || (keys.Contains("remote_addr") && request.RemoteAddr.Length == 0)
        || (keys.Contains("request_uri") && request.RequestUri.Length == 0)
        || (keys.Contains("body") && request.Body.IsEmpty)
        || (keys.Contains("form") && request.Form.Count == 0)
        || (keys.Contains("headers") && request.Headers.Count == 0);

    /// <inheritdoc cref="ShowsEveryField(IReadOnlySet{string}, RecordedRequest)"/>
    internal static bool ShowsEveryField(IReadOnlySet<string> keys, RecordedResponse response) =>
        (keys.Contains("transfer_encoding") && response.TransferEncoding.Count == 0)
        || (keys.Contains("trailer") && response.Trailer.Count == 0)
        || (keys.Contains("uncompressed") && !response.Uncompressed);
}
