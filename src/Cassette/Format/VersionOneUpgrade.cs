using System.Globalization;

namespace Cassette;

/// <summary>
/// Turns interactions read from a go-vcr <c>version: 1</c> cassette (go-vcr v1 and v2) into
/// <c>version: 2</c> ones.
/// </summary>
/// <remarks>
/// <para>
/// Version 1 recorded a request's body, form, headers, URL and method, and a response's body,
/// headers, status, code and duration; every one of those is kept as it is. go-vcr never
/// converted version 1 (v3's README asks to re-create the cassettes), so what it lacks is filled
/// in here with what the Go client saw when go-vcr replayed it, or what go-vcr v3 and v4 record
/// for the same request:
/// </para>
/// <list type="bullet">
/// <item>request <c>proto</c> <c>HTTP/1.1</c> (1.1): what Go's <c>http.NewRequest</c> sets on every client request;</item>
/// <item>request <c>content_length</c>: the body's length, as <c>http.NewRequest</c> sets it for an in-memory body;</item>
/// <item>response <c>proto</c> <c>HTTP/1.1</c> (1.1): the wire protocol was not recorded; this is the version Cassette
///   replays a version 1 response with, so upgrading changes nothing a test sees (go-vcr v1 replayed a
///   placeholder <c>HTTP/1.0</c>, which no server had sent);</item>
/// <item>response <c>content_length</c>: the body's length, or for a <c>HEAD</c> request the <c>Content-Length</c>
///   header's value, exactly the <c>ContentLength</c> go-vcr v1 and v2 replayed.</item>
/// </list>
/// <para>
/// Everything else stays at Go's zero value, as go-vcr v3 and v4 record it for a client request:
/// <c>host: ""</c>, no transfer encoding, trailer, remote address or request URI, not uncompressed.
/// A value a hand-edited version 1 file already holds is kept.
/// </para>
/// </remarks>
internal static class VersionOneUpgrade
{
    private const string Http11 = "HTTP/1.1";

    public static Interaction Upgrade(Interaction interaction)
    {
        var request = interaction.Request;
        var response = interaction.Response;
        return new Interaction(
            request with
            {
                Proto = request.Proto.Length > 0 ? request.Proto : Http11,
                ProtoMajor = request.Proto.Length > 0 ? request.ProtoMajor : 1,
                ProtoMinor = request.Proto.Length > 0 ? request.ProtoMinor : 1,
                ContentLength = request.ContentLength != 0 ? request.ContentLength : request.Body.Length,
            },
            response with
            {
                Proto = response.Proto.Length > 0 ? response.Proto : Http11,
                ProtoMajor = response.Proto.Length > 0 ? response.ProtoMajor : 1,
                ProtoMinor = response.Proto.Length > 0 ? response.ProtoMinor : 1,
                ContentLength = response.ContentLength != 0 ? response.ContentLength : ReplayedLength(request, response),
            });
    }

    /// <summary>Why a version 1 cassette is not saved, and how to upgrade it.</summary>
    public static string SaveRefused(string? path) =>
        "This is a version 1 cassette (go-vcr v1 and v2's format). Cassette replays it but does not write version 1, " +
        "and a file that mixed version 1 and version 2 interactions would be neither. " +
        $"Run 'cassette format --write --upgrade {(path is null ? "FILE" : Quoted(path))}' to convert it to version 2 (every value is kept), then record again.";

    private static string Quoted(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    private static long ReplayedLength(RecordedRequest request, RecordedResponse response)
    {
        // go-vcr v1's replayer: the body's length, except that a HEAD response, which has no
        // body, reports the Content-Length header a GET would have had.
        if (request.Method == "HEAD"
            && response.Headers.TryGetValue("Content-Length", out var values) && values.Count > 0
            && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long declared))
        {
            return declared;
        }

        return response.Body.Length;
    }
}
