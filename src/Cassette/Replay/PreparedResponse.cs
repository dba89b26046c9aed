using System.Globalization;
using System.Net;

namespace Cassette;

/// <summary>Builds the <see cref="HttpResponseMessage"/> for a recorded response.</summary>
internal static class ResponseFactory
{
    public static HttpResponseMessage Create(
        HttpRequestMessage request,
        RecordedResponse recorded,
        int[]? eventEnds,
        TimeSpan perEvent,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        HttpContent content = eventEnds is not null
            ? new SseReplayContent(recorded.Body, eventEnds, perEvent, clock, cancellationToken)
            : new ReadOnlyMemoryContent(recorded.Body);

        var response = new HttpResponseMessage((HttpStatusCode)recorded.Code)
        {
            RequestMessage = request,
            Version = VersionOf(recorded),
            ReasonPhrase = ReasonOf(recorded),
            Content = content,
        };

        foreach (var (name, values) in recorded.Headers)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)
                || (recorded.Uncompressed && string.Equals(name, "Content-Encoding", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Response headers refuse content headers, which then go where they belong.
            if (!response.Headers.TryAddWithoutValidation(name, values))
            {
                content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (recorded.TransferEncoding.Count > 0)
        {
            response.Headers.TryAddWithoutValidation("Transfer-Encoding", recorded.TransferEncoding);
        }

        foreach (var (name, values) in recorded.Trailer)
        {
            response.TrailingHeaders.TryAddWithoutValidation(name, values);
        }

        // -1 is how Go records an unknown length (chunked, or decompressed by the client).
        content.Headers.ContentLength = recorded.ContentLength < 0 ? null : recorded.Body.Length;
        return response;
    }

    private static Version VersionOf(RecordedResponse recorded)
    {
        if (recorded.ProtoMajor > 0)
        {
            return new Version(recorded.ProtoMajor, recorded.ProtoMinor);
        }

        return recorded.Proto.StartsWith("HTTP/", StringComparison.Ordinal)
            && Version.TryParse(recorded.Proto.AsSpan(5), out var parsed)
            ? parsed
            : HttpVersion.Version11;
    }

    private static string? ReasonOf(RecordedResponse recorded)
    {
        string code = recorded.Code.ToString(CultureInfo.InvariantCulture);
        string status = recorded.Status;
        if (status.StartsWith(code, StringComparison.Ordinal))
        {
            status = status[code.Length..].TrimStart();
        }

        return status.Length == 0 ? null : status;
    }
}
