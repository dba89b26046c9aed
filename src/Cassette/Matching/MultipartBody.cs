using System.Net.Http.Headers;
using System.Text;

namespace Cassette;

/// <summary>
/// Splits a <c>multipart/*</c> body (RFC 2046, RFC 7578) into its parts, so that bodies sent
/// with different random boundaries can be compared part by part.
/// </summary>
internal static class MultipartBody
{
    /// <summary>
    /// The parts of <paramref name="body"/>, or <see langword="null"/> when the content type is not
    /// <c>multipart/*</c> with a boundary, or the body is not made of parts between that boundary.
    /// </summary>
    public static IReadOnlyList<MultipartPart>? TryParse(string? contentType, ReadOnlyMemory<byte> body)
    {
        string? boundary = Boundary(contentType);
        if (boundary is null)
        {
            return null;
        }

        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;
        int start = FindDelimiter(span, delimiter, 0);
        if (start < 0)
        {
            return null;
        }

        var parts = new List<MultipartPart>();
        int position = start + delimiter.Length;
        while (true)
        {
            if (span[position..].StartsWith("--"u8))
            {
                return parts;
            }

            // Transport padding, then the end of the delimiter line.
            int lineEnd = span[position..].IndexOf((byte)'\n');
            if (lineEnd < 0 || !span.Slice(position, lineEnd).TrimEnd((byte)'\r').Trim((byte)' ').Trim((byte)'\t').IsEmpty)
            {
                return null;
            }

            int partStart = position + lineEnd + 1;
            int next = FindDelimiter(span, delimiter, partStart);
            if (next < 0)
            {
                return null;
            }

            // The line break before the delimiter belongs to the delimiter.
            int partEnd = next;
            if (partEnd > partStart && span[partEnd - 1] == '\n')
            {
                partEnd--;
                if (partEnd > partStart && span[partEnd - 1] == '\r')
                {
                    partEnd--;
                }
            }

            var part = ParsePart(body[partStart..partEnd]);
            if (part is null)
            {
                return null;
            }

            parts.Add(part);
            position = next + delimiter.Length;
        }
    }

    /// <summary>The <c>boundary</c> parameter of a <c>multipart/*</c> content type, or <see langword="null"/>.</summary>
    public static string? Boundary(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || media.MediaType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        string? boundary = media.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value;
        return string.IsNullOrEmpty(boundary) ? null : Unquote(boundary);
    }

    /// <summary>The request's <c>Content-Type</c>, its name in any case.</summary>
    public static string? ContentType(RecordedRequest request) =>
        request.Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value is [var first, ..] ? first : null;

    /// <summary>The first delimiter at or after <paramref name="from"/> that starts the body or a line.</summary>
    private static int FindDelimiter(ReadOnlySpan<byte> body, byte[] delimiter, int from)
    {
        while (from <= body.Length - delimiter.Length)
        {
            int found = body[from..].IndexOf(delimiter);
            if (found < 0)
            {
                return -1;
            }

            int at = from + found;
            if (at == 0 || body[at - 1] == '\n')
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static MultipartPart? ParsePart(ReadOnlyMemory<byte> part)
    {
        var span = part.Span;
        string? disposition = null;
        string? contentType = null;
        int position = 0;
        while (true)
        {
            int lineEnd = span[position..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                // Headers without the blank line that ends them.
                return null;
            }

            var line = span.Slice(position, lineEnd).TrimEnd((byte)'\r');
            position += lineEnd + 1;
            if (line.IsEmpty)
            {
                break;
            }

            string header = Encoding.UTF8.GetString(line);
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            string name = header[..colon].Trim();
            string value = header[(colon + 1)..].Trim();
            if (name.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                disposition = value;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
        }

        string? fieldName = null;
        string? fileName = null;
        if (disposition is not null && ContentDispositionHeaderValue.TryParse(disposition, out var parsed))
        {
            fieldName = parsed.Name is null ? null : Unquote(parsed.Name);
            fileName = parsed.FileNameStar ?? (parsed.FileName is null ? null : Unquote(parsed.FileName));
        }

        return new MultipartPart(fieldName, fileName, NormalizeContentType(contentType), part[position..]);
    }

    private static string? NormalizeContentType(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType is not null
            ? media.MediaType.ToLowerInvariant() + string.Concat(media.Parameters.Select(p => $"; {p.Name.ToLowerInvariant()}={Unquote(p.Value ?? "")}"))
            : contentType;

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : value;
}
