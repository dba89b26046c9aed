using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cassette;

/// <summary>
/// Writes cassettes as the exact bytes go-vcr writes through go-yaml: v4.0.3 and later in the
/// omit-empty dialect, v3 and v4 up to v4.0.2 in the every-field dialect.
/// </summary>
internal static class CassetteWriter
{
    /// <summary>The column of the dash before each interaction's <c>id</c>.</summary>
    public static int InteractionDashColumn(CassetteLayout layout) =>
        layout.CompactSequences() ? layout.Indent() - 2 : layout.Indent();

    /// <summary>The column of the request's and response's fields (<c>proto:</c>).</summary>
    public static int RequestFieldColumn(CassetteLayout layout) =>
        new Columns(layout.Indent(), layout.CompactSequences()).Next(InteractionDashColumn(layout) + 2);

    /// <summary>
    /// Appends one interaction, from its <c>- id: N</c> line through its <c>duration:</c> line,
    /// each line ending in <c>\n</c>.
    /// </summary>
    public static void WriteInteraction(
        StringBuilder output, int id, Interaction interaction, CassetteLayout layout, CassetteDialect dialect = CassetteDialect.OmitEmpty)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(interaction);
        var columns = new Columns(layout.Indent(), layout.CompactSequences());
        int dash = InteractionDashColumn(layout);
        int itemKeys = dash + 2;
        output.Append(' ', dash).Append("- id: ").Append(CultureInfo.InvariantCulture, $"{id}").Append('\n');
        Key(output, itemKeys, "request").Append('\n');
        WriteRequest(output, columns.Next(itemKeys), interaction.Request, columns, dialect);
        Key(output, itemKeys, "response").Append('\n');
        WriteResponse(output, columns.Next(itemKeys), interaction.Response, columns, dialect);
    }

    private static void WriteRequest(StringBuilder output, int column, RecordedRequest request, Columns columns, CassetteDialect dialect)
    {
        String(output, column, "proto", request.Proto, columns);
        Number(output, column, "proto_major", request.ProtoMajor);
        Number(output, column, "proto_minor", request.ProtoMinor);
        Number(output, column, "content_length", request.ContentLength);
        if (dialect.Writes(request.TransferEncoding is { Count: > 0 }))
        {
            StringList(output, column, "transfer_encoding", request.TransferEncoding, columns);
        }

        if (dialect.Writes(request.Trailer is { Count: > 0 }))
        {
            MultiMap(output, column, "trailer", request.Trailer, columns);
        }

        String(output, column, "host", request.Host, columns);
        if (dialect.Writes(!string.IsNullOrEmpty(request.RemoteAddr)))
        {
            String(output, column, "remote_addr", request.RemoteAddr, columns);
        }

        if (dialect.Writes(!string.IsNullOrEmpty(request.RequestUri)))
        {
            String(output, column, "request_uri", request.RequestUri, columns);
        }

        if (dialect.Writes(!request.Body.IsEmpty))
        {
            Key(output, column, "body");
            YamlScalar.AppendBytes(output, request.Body.Span, columns.Next(column), columns.Indent);
        }

        if (dialect.Writes(request.Form is { Count: > 0 }))
        {
            MultiMap(output, column, "form", request.Form, columns);
        }

        if (dialect.Writes(request.Headers is { Count: > 0 }))
        {
            MultiMap(output, column, "headers", request.Headers, columns);
        }

        String(output, column, "url", request.Url, columns);
        String(output, column, "method", request.Method, columns);
    }

    private static void WriteResponse(StringBuilder output, int column, RecordedResponse response, Columns columns, CassetteDialect dialect)
    {
        String(output, column, "proto", response.Proto, columns);
        Number(output, column, "proto_major", response.ProtoMajor);
        Number(output, column, "proto_minor", response.ProtoMinor);
        if (dialect.Writes(response.TransferEncoding is { Count: > 0 }))
        {
            StringList(output, column, "transfer_encoding", response.TransferEncoding, columns);
        }

        if (dialect.Writes(response.Trailer is { Count: > 0 }))
        {
            MultiMap(output, column, "trailer", response.Trailer, columns);
        }

        Number(output, column, "content_length", response.ContentLength);
        if (dialect.Writes(response.Uncompressed))
        {
            Key(output, column, "uncompressed").Append(response.Uncompressed ? " true\n" : " false\n");
        }

        Key(output, column, "body");
        YamlScalar.AppendBytes(output, response.Body.Span, columns.Next(column), columns.Indent);
        MultiMap(output, column, "headers", response.Headers, columns);
        String(output, column, "status", response.Status, columns);
        Number(output, column, "code", response.Code);

        Span<char> duration = stackalloc char[GoDuration.MaxTextLength];
        int length = response.Duration.Format(duration);
        Key(output, column, "duration");
        YamlScalar.AppendValue(output, duration[..length], columns.Next(column), columns.Indent);
    }

    private static StringBuilder Key(StringBuilder output, int column, string key) =>
        output.Append(' ', column).Append(key).Append(':');

    private static void Number(StringBuilder output, int column, string key, long value) =>
        Key(output, column, key).Append(CultureInfo.InvariantCulture, $" {value}").Append('\n');

    private static void String(StringBuilder output, int column, string key, string? value, Columns columns)
    {
        Key(output, column, key);
        YamlScalar.AppendValue(output, value, columns.Next(column), columns.Indent);
    }

    private static void StringList(StringBuilder output, int column, string key, IReadOnlyList<string> values, Columns columns)
    {
        Key(output, column, key);
        Items(output, columns.SequenceDash(column), values, columns);
    }

    /// <summary>Writes the block or flow (<c>[]</c>) sequence that follows a key's colon.</summary>
    private static void Items(StringBuilder output, int dash, IReadOnlyList<string>? values, Columns columns)
    {
        if (values is null || values.Count == 0)
        {
            output.Append(" []\n");
            return;
        }

        output.Append('\n');
        for (int i = 0; i < values.Count; i++)
        {
            output.Append(' ', dash).Append('-');
            YamlScalar.AppendValue(output, values[i], dash + 2, columns.Indent);
        }
    }

    private static void MultiMap(
        StringBuilder output, int column, string key, IReadOnlyDictionary<string, IReadOnlyList<string>>? map, Columns columns)
    {
        Key(output, column, key);
        if (map is null || map.Count == 0)
        {
            output.Append(" {}\n");
            return;
        }

        output.Append('\n');
        int names = columns.Next(column);
        if (map.Count == 1)
        {
            foreach (var (name, values) in map)
            {
                Entry(output, names, name, values, columns);
            }

            return;
        }

        string[] sorted = ArrayPool<string>.Shared.Rent(map.Count);
        try
        {
            int count = 0;
            foreach (string name in map.Keys)
            {
                sorted[count++] = name;
            }

            Array.Sort(sorted, 0, count, NaturalKeyComparer.Instance);
            for (int i = 0; i < count; i++)
            {
                Entry(output, names, sorted[i], map[sorted[i]], columns);
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(sorted, clearArray: true);
        }
    }

    private static void Entry(StringBuilder output, int column, string name, IReadOnlyList<string>? values, Columns columns)
    {
        output.Append(' ', column);
        if (YamlScalar.TryAppendSimpleKey(output, name))
        {
            output.Append(':');
            Items(output, columns.SequenceDash(column), values, columns);
            return;
        }

        // go-yaml writes a key with a line break, or longer than 128 bytes, as "? key" and
        // the value after ":" on the next line; the sequence is then not compacted and its
        // first dash stays on the ":" line.
        output.Append('?');
        YamlScalar.AppendValue(output, name, columns.Next(column), columns.Indent);
        output.Append(' ', column).Append(':');
        if (values is null || values.Count == 0)
        {
            output.Append(" []\n");
            return;
        }

        int dash = columns.Next(column);
        output.Append(' ', dash - column - 1);
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                output.Append(' ', dash);
            }

            output.Append('-');
            YamlScalar.AppendValue(output, values[i], dash + 2, columns.Indent);
        }
    }

    /// <summary>go-yaml's indentation arithmetic for one layout.</summary>
    private readonly record struct Columns(int Indent, bool Compact)
    {
        /// <summary>Where the content nested under a key at <paramref name="column"/> starts.</summary>
        public int Next(int column) => Indent * ((column + Indent) / Indent);

        /// <summary>Where the dashes of a block sequence under a key at <paramref name="column"/> go.</summary>
        public int SequenceDash(int column) => Compact ? Next(column) - 2 : Next(column);
    }
}
