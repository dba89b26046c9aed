using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cassette;

/// <summary>
/// Reads go-vcr <c>version: 2</c> cassettes, and go-vcr v1 and v2's <c>version: 1</c>, straight
/// from YamlDotNet's event parser. Like go-vcr, it reads the file's first YAML document; the
/// text after it is kept as <see cref="TrailingDocuments"/>.
/// </summary>
/// <remarks>
/// The model is built from parser events rather than through YamlDotNet's deserializer: that
/// keeps loading close to the bare parser's speed, gives every error its line and column, and
/// lets the reader note where each interaction's text lies so unchanged interactions can keep it.
/// Decoding follows go-yaml's rules for go-vcr's Go types: unknown keys are skipped, a null
/// leaves the zero value, any scalar fills a string, and only plain integers fill a number.
/// </remarks>
internal sealed class CassetteReader
{
    private const string BinaryTag = "tag:yaml.org,2002:binary";

    private readonly string _text;
    private readonly string _source;
    private readonly Parser _parser;
    private readonly List<(Interaction Interaction, int Start, int End)> _spans = [];
    private readonly List<Interaction> _interactions = [];

    // Layout evidence, 1-based columns as YamlDotNet reports them.
    private int _firstDashColumn = -1;
    private int _fieldColumn = -1;
    private bool _originalTextUsable = true;
    private int _interactionsEnd = -1;

    // Dialect evidence: an empty field written out that go-vcr v4.0.3+ would have left out.
    private bool _showsEveryField;
    // Where the last value of the cassette's document ends, and the first "duration" written as
    // "" (go-vcr v1's empty duration string), which only a version 1 cassette may hold.
    private int _lastValueEnd;
    private Scalar? _emptyDuration;

    private CassetteReader(string text, string source)
    {
        _text = text;
        _source = source;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>What a cassette's text holds.</summary>
    public sealed record Result(
        IReadOnlyList<Interaction> Interactions,
        CassetteLayout Layout,
        IReadOnlyList<KeyValuePair<Interaction, ReadOnlyMemory<char>>> OriginalText)
    {
        /// <summary>The dialect that wrote the file: omit-empty unless an empty field is written out.</summary>
        public CassetteDialect Dialect { get; init; }

        /// <summary>The cassette format version: 1 (go-vcr v1 and v2) or 2.</summary>
        public int Version { get; init; } = 2;

        /// <summary>The YAML documents after the cassette's, which go-vcr ignores; <see langword="null"/> when there are none.</summary>
        public TrailingDocuments? Trailing { get; init; }
    }

    public static Result Read(string text, string source)
    {
        var reader = new CassetteReader(text, source);
        try
        {
            return reader.ReadDocument();
        }
        catch (YamlException e)
        {
            var (line, column) = reader.PositionOf(e);
            throw new CassetteFormatException(source, line, column,
                $"The file is not valid YAML: {TrimParserMessage(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's parser throws this, not a YamlException, on some unclosed flow
            // collections; the last event it produced is the best position there is.
            var mark = reader._parser.Current?.End ?? Mark.Empty;
            throw new CassetteFormatException(source, (int)mark.Line, (int)mark.Column,
                "The file is not valid YAML: a flow collection (\"[...]\" or \"{...}\") is not closed.", e);
        }
    }

    private (int Line, int Column) PositionOf(YamlException e)
    {
        if (e.Message.Contains("tab", StringComparison.Ordinal))
        {
            // YamlDotNet reports a tab in indentation at the start of the enclosing mapping,
            // which may be the top of the file; point at the first indenting tab instead.
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
                else if (_text[i] == '\t' && _text.AsSpan(lineStart, i - lineStart).TrimStart(' ').IsEmpty)
                {
                    return (line, i - lineStart + 1);
                }
            }
        }

        return ((int)e.Start.Line, (int)e.Start.Column);
    }

    private Result ReadDocument()
    {
        MoveNext();
        Expect<StreamStart>("the start of the file");
        if (_parser.Current is StreamEnd)
        {
            throw Error(_parser.Current, "The file is empty. A cassette starts with \"---\", then \"version: 2\" and \"interactions:\".");
        }

        Expect<DocumentStart>("a YAML document");
        var documentStart = _parser.Current!;
        if (_parser.Current is not MappingStart)
        {
            throw Error(_parser.Current!, $"Expected a mapping with \"version\" and \"interactions\", found {Describe(_parser.Current!)}.");
        }

        MoveNext();
        long? version = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_parser.Current is not MappingEnd)
        {
            var key = ReadKey(seen);
            switch (key.Value)
            {
                case "version":
                    var versionEvent = _parser.Current!;
                    version = ReadInt64("version");
                    if (version is not (1 or 2))
                    {
                        throw Error(versionEvent,
                            $"The cassette is version {version}, but only versions 2 (go-vcr v3 and v4) and 1 (go-vcr v1 and v2) are supported. Re-record it with a go-vcr v4 compatible recorder, such as Cassette's CASSETTE_MODE=record.");
                    }

                    break;
                case "interactions":
                    ReadInteractions();
                    break;
                default:
                    SkipNode();
                    break;
            }
        }

        MoveNext();
        if (version is null)
        {
            throw Error(documentStart,
                "The cassette has no \"version\" field. go-vcr cassettes start with \"version: 2\"; add it if this is one.");
        }

        if (_parser.Current is not DocumentEnd)
        {
            throw Error(_parser.Current!, $"Expected the end of the document, found {Describe(_parser.Current!)}.");
        }

        if (version == 2 && _emptyDuration is not null)
        {
            throw Error(_emptyDuration, NotADuration(""));
        }

        var trailing = ReadTrailingDocuments();
        if (trailing is not null)
        {
            _interactionsEnd = Math.Min(_interactionsEnd, trailing.Start);
        }

        var layout = DetectLayout(out bool keepable);
        return new Result(_interactions, layout, keepable && version == 2 ? OriginalTexts() : [])
        {
            // Dialects are version 2's: a version 1 file is written only once upgraded, and then as
            // today's go-vcr writes version 2.
            Dialect = _showsEveryField && version == 2 ? CassetteDialect.EveryField : CassetteDialect.OmitEmpty,
            Version = (int)version,
            Trailing = trailing,
        };
    }

    private TrailingDocuments? ReadTrailingDocuments()
    {
        // go-vcr's yaml.Unmarshal decodes the first document and never looks at the rest, so
        // what follows is kept as text, byte for byte, and need not even be valid YAML.
        bool more;
        try
        {
            more = _parser.MoveNext() && _parser.Current is not StreamEnd;
        }
        catch (YamlException)
        {
            more = true;
        }

        return more ? TrailingDocuments.After(_text, _lastValueEnd) : null;
    }

    private void ReadInteractions()
    {
        if (IsNull(_parser.Current))
        {
            MoveNext();
            return;
        }

        if (_parser.Current is not SequenceStart)
        {
            throw Error(_parser.Current!, $"Expected \"interactions\" to be a list, found {Describe(_parser.Current!)}.");
        }

        MoveNext();
        while (_parser.Current is not SequenceEnd)
        {
            ReadInteraction();
        }

        _interactionsEnd = LineStart((int)_parser.Current.Start.Index);
        MoveNext();
    }

    private void ReadInteraction()
    {
        if (_parser.Current is not MappingStart start)
        {
            throw Error(_parser.Current!, $"Expected an interaction (a mapping with \"id\", \"request\" and \"response\"), found {Describe(_parser.Current!)}.");
        }

        MoveNext();
        RecordedRequest request = new();
        RecordedResponse response = new();
        int textStart = -1;
        bool firstKey = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_parser.Current is not MappingEnd)
        {
            var key = ReadKey(seen);
            if (firstKey)
            {
                // go-vcr v1 cassettes have no "id": their interactions start with "- request:".
                NoteDash(key);
            }

            switch (key.Value)
            {
                case "id":
                    var idEvent = _parser.Current!;
                    ReadInt64("id");
                    if (firstKey)
                    {
                        textStart = LineAfter(idEvent);
                    }

                    break;
                case "request":
                    request = ReadRequest();
                    break;
                case "response":
                    response = ReadResponse();
                    break;
                default:
                    SkipNode();
                    break;
            }

            firstKey = false;
        }

        MoveNext();
        var interaction = new Interaction(request, response);
        _interactions.Add(interaction);
        _spans.Add((interaction, textStart, (int)start.Start.Index));
    }

    private RecordedRequest ReadRequest()
    {
        var request = new RecordedRequest();
        if (IsNull(_parser.Current))
        {
            MoveNext();
            return request;
        }

        ExpectMapping("request");
        if (_fieldColumn < 0 && _parser.Current is Scalar firstField)
        {
            int index = (int)firstField.Start.Index;
            _fieldColumn = index - LineStart(index);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_parser.Current is not MappingEnd)
        {
            var key = ReadKey(seen);
            request = key.Value switch
            {
                "proto" => request with { Proto = ReadString() },
                "proto_major" => request with { ProtoMajor = ReadInt32("proto_major") },
                "proto_minor" => request with { ProtoMinor = ReadInt32("proto_minor") },
                "content_length" => request with { ContentLength = ReadInt64("content_length") },
                "transfer_encoding" => request with { TransferEncoding = ReadStringList("transfer_encoding") },
                "trailer" => request with { Trailer = ReadMultiMap("trailer") },
                "host" => request with { Host = ReadString() },
                "remote_addr" => request with { RemoteAddr = ReadString() },
                "request_uri" => request with { RequestUri = ReadString() },
                "body" => request with { Body = ReadBody() },
                "form" => request with { Form = ReadMultiMap("form") },
                "headers" => request with { Headers = ReadMultiMap("headers") },
                "url" => request with { Url = ReadString() },
                "method" => request with { Method = ReadString() },
                "uri" => throw Error(key,
                    "The request has \"uri\", as VCR.py (Python) and Ruby VCR cassettes do; go-vcr cassettes have \"url\". Cassette reads go-vcr cassettes: record this one again with Cassette (CASSETTE_MODE=record)."),
                _ => SkipNode(request),
            };
        }

        MoveNext();
        _showsEveryField |= CassetteDialectExtensions.ShowsEveryField(seen, request);
        return request;
    }

    private RecordedResponse ReadResponse()
    {
        var response = new RecordedResponse();
        if (IsNull(_parser.Current))
        {
            MoveNext();
            return response;
        }

        ExpectMapping("response");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_parser.Current is not MappingEnd)
        {
            var key = ReadKey(seen);
            response = key.Value switch
            {
                "proto" => response with { Proto = ReadString() },
                "proto_major" => response with { ProtoMajor = ReadInt32("proto_major") },
                "proto_minor" => response with { ProtoMinor = ReadInt32("proto_minor") },
                "transfer_encoding" => response with { TransferEncoding = ReadStringList("transfer_encoding") },
                "trailer" => response with { Trailer = ReadMultiMap("trailer") },
                "content_length" => response with { ContentLength = ReadInt64("content_length") },
                "uncompressed" => response with { Uncompressed = ReadBool("uncompressed") },
                "body" => response with { Body = ReadBody() },
                "headers" => response with { Headers = ReadMultiMap("headers") },
                "status" => response with { Status = ReadString() },
                "code" => response with { Code = ReadInt32("code") },
                "duration" => response with { Duration = ReadDuration() },
                _ => SkipNode(response),
            };
        }

        MoveNext();
        _showsEveryField |= CassetteDialectExtensions.ShowsEveryField(seen, response);
        return response;
    }

    private IReadOnlyDictionary<string, IReadOnlyList<string>> ReadMultiMap(string field)
    {
        if (IsNull(_parser.Current))
        {
            MoveNext();
            return HeaderMaps.Empty;
        }

        if (_parser.Current is not MappingStart)
        {
            throw Error(_parser.Current!, $"Expected \"{field}\" to be a mapping of names to lists of values, found {Describe(_parser.Current!)}.");
        }

        MoveNext();
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (_parser.Current is not MappingEnd)
        {
            var key = ReadKey(null);
            if (map.ContainsKey(key.Value))
            {
                throw Error(key, $"The name \"{key.Value}\" appears twice in \"{field}\". Put all of its values in one list.");
            }

            map[key.Value] = ReadStringList($"{field}.{key.Value}");
        }

        MoveNext();
        return map;
    }

    private List<string> ReadStringList(string field)
    {
        if (IsNull(_parser.Current))
        {
            MoveNext();
            return [];
        }

        if (_parser.Current is not SequenceStart)
        {
            throw Error(_parser.Current!, $"Expected \"{field}\" to be a list of strings (\"- value\" lines), found {Describe(_parser.Current!)}.");
        }

        MoveNext();
        var values = new List<string>(1);
        while (_parser.Current is not SequenceEnd)
        {
            values.Add(ReadString());
        }

        MoveNext();
        return values;
    }

    private Scalar ReadKey(HashSet<string>? seen)
    {
        if (_parser.Current is not Scalar key)
        {
            throw Error(_parser.Current!, $"Expected a key, found {Describe(_parser.Current!)}.");
        }

        if (seen is not null && !seen.Add(key.Value))
        {
            throw Error(key, $"The key \"{key.Value}\" appears twice in the same mapping. Remove one of them.");
        }

        MoveNext();
        return key;
    }

    private string ReadString()
    {
        var scalar = ExpectScalar("a string");
        MoveNext();
        if (IsNull(scalar))
        {
            return "";
        }

        return scalar.Tag == BinaryTag ? Encoding.UTF8.GetString(DecodeBase64(scalar)) : scalar.Value;
    }

    private ReadOnlyMemory<byte> ReadBody()
    {
        var scalar = ExpectScalar("a body (a string)");
        MoveNext();
        if (IsNull(scalar))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return scalar.Tag == BinaryTag ? DecodeBase64(scalar) : Encoding.UTF8.GetBytes(scalar.Value);
    }

    private byte[] DecodeBase64(Scalar scalar)
    {
        try
        {
            return Convert.FromBase64String(scalar.Value);
        }
        catch (FormatException e)
        {
            throw Error(scalar, "A !!binary value is not valid base64.", e);
        }
    }

    private int ReadInt32(string field)
    {
        var scalar = _parser.Current!;
        long value = ReadInt64(field);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw Error(scalar, $"\"{field}\" is {value}, which does not fit in a 32-bit integer.");
    }

    private long ReadInt64(string field)
    {
        var scalar = ExpectScalar($"an integer for \"{field}\"");
        MoveNext();
        if (IsNull(scalar))
        {
            return 0;
        }

        if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && TryParseGoInt(scalar.Value, out long value))
        {
            return value;
        }

        throw Error(scalar, $"Expected an integer for \"{field}\", found {Describe(scalar)}.");
    }

    private bool ReadBool(string field)
    {
        var scalar = ExpectScalar($"true or false for \"{field}\"");
        MoveNext();
        if (IsNull(scalar))
        {
            return false;
        }

        if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && PlainScalarResolver.TryResolveBool(scalar.Value, out bool value))
        {
            return value;
        }

        throw Error(scalar, $"Expected true or false for \"{field}\", found {Describe(scalar)}.");
    }

    private GoDuration ReadDuration()
    {
        var scalar = ExpectScalar("a duration such as \"1.5s\"");
        MoveNext();
        if (IsNull(scalar))
        {
            return GoDuration.Zero;
        }

        if (GoDuration.TryParse(scalar.Value, out var duration))
        {
            return duration;
        }

        if (scalar.Value.Length == 0 && scalar.Style != ScalarStyle.Plain)
        {
            // go-vcr v1 kept the duration as a string and wrote "" when it had none; whether
            // that is allowed is known once the version has been read.
            _emptyDuration ??= scalar;
            return GoDuration.Zero;
        }

        throw Error(scalar, NotADuration(scalar.Value));
    }

    private static string NotADuration(string text) =>
        $"\"duration\" is \"{text}\", which is not a Go duration. Write a number with a unit, such as \"1.5s\", \"250ms\" or \"980.667µs\" (a bare number is not accepted, as in go-vcr).";

    private Scalar ExpectScalar(string expected)
    {
        if (_parser.Current is Scalar scalar)
        {
            return scalar;
        }

        throw Error(_parser.Current!, $"Expected {expected}, found {Describe(_parser.Current!)}.");
    }

    private void ExpectMapping(string field)
    {
        if (_parser.Current is not MappingStart)
        {
            throw Error(_parser.Current!, $"Expected \"{field}\" to be a mapping of fields, found {Describe(_parser.Current!)}.");
        }

        MoveNext();
    }

    private void Expect<T>(string expected)
        where T : ParsingEvent
    {
        if (_parser.Current is not T)
        {
            throw Error(_parser.Current!, $"Expected {expected}, found {Describe(_parser.Current!)}.");
        }

        MoveNext();
    }

    private T SkipNode<T>(T value)
    {
        SkipNode();
        return value;
    }

    private void SkipNode()
    {
        int depth = 0;
        do
        {
            switch (_parser.Current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }

            MoveNext();
        }
        while (depth > 0);
    }

    private void MoveNext()
    {
        if (_parser.Current is Scalar or SequenceEnd or MappingEnd)
        {
            NoteValueEnd(_parser.Current);
        }

        if (!_parser.MoveNext())
        {
            throw new CassetteFormatException(_source, 0, 0, "The file ends in the middle of the cassette.");
        }

        if (_parser.Current is AnchorAlias alias)
        {
            throw Error(alias, "Cassettes do not use YAML aliases (\"*name\"); write the value out in full.");
        }
    }

    private static bool IsNull(ParsingEvent? e) =>
        e is Scalar { Style: ScalarStyle.Plain } scalar
        && PlainScalarResolver.IsNullWord(scalar.Value)
        && (scalar.Tag.IsEmpty || scalar.Tag.Value == "tag:yaml.org,2002:null");

    private static bool TryParseGoInt(string text, out long value)
    {
        // go-yaml resolves integers with Go's strconv.ParseInt(s, 0, 64) after removing
        // underscores: decimal, 0x, 0o and 0b forms, with a sign.
        value = 0;
        ReadOnlySpan<char> s = text.Contains('_', StringComparison.Ordinal) ? text.Replace("_", "", StringComparison.Ordinal) : text;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        int radix = 10;
        if (s.Length > 2 && s[0] == '0' && (s[1] | 0x20) is 'x' or 'o' or 'b')
        {
            radix = (s[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            s = s[2..];
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            radix = 8;
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (char c in s)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix || magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            magnitude = magnitude * (ulong)radix + (ulong)digit;
        }

        if (negative ? magnitude > 1UL << 63 : magnitude > long.MaxValue)
        {
            return false;
        }

        value = negative ? unchecked(-(long)magnitude) : (long)magnitude;
        return true;
    }

    private void NoteDash(Scalar idKey)
    {
        // The original "- id: N" line is rebuilt on save, so it must be exactly that shape.
        int keyIndex = (int)idKey.Start.Index;
        int lineStart = LineStart(keyIndex);
        int dashColumn = keyIndex - lineStart - 2;
        if (dashColumn < 0 || _text[keyIndex - 2] != '-' || _text[keyIndex - 1] != ' '
            || _text.AsSpan(lineStart, dashColumn).ContainsAnyExcept(' '))
        {
            _originalTextUsable = false;
            return;
        }

        if (_firstDashColumn < 0)
        {
            _firstDashColumn = dashColumn;
        }
        else if (dashColumn != _firstDashColumn)
        {
            _originalTextUsable = false;
        }
    }

    private CassetteLayout DetectLayout(out bool originalTextUsable)
    {
        // Each layout puts the interactions' dashes and the request's fields at known columns
        // (FORMAT.md's next(c) rule); the file's own columns say which layout wrote it.
        originalTextUsable = false;
        if (_firstDashColumn < 0 || _fieldColumn < 0)
        {
            return CassetteLayout.Compact4;
        }

        // The dash column alone is ambiguous (indented 2 and compact 4 both put it at 2), and
        // the request fields' distance from the "request" key is not the indent step (indented
        // 4 has "request:" at 6 and its fields at 8), so match both columns against each layout.
        foreach (var layout in (ReadOnlySpan<CassetteLayout>)[CassetteLayout.Compact2, CassetteLayout.Indented2, CassetteLayout.Compact4, CassetteLayout.Indented4])
        {
            if (CassetteWriter.InteractionDashColumn(layout) == _firstDashColumn && CassetteWriter.RequestFieldColumn(layout) == _fieldColumn)
            {
                originalTextUsable = _originalTextUsable;
                return layout;
            }
        }

        // Another emitter's layout: save in the nearest go-yaml one, every interaction afresh.
        int indent = _fieldColumn - _firstDashColumn - 2 >= 4 ? 4 : 2;
        return CassetteLayoutExtensions.FromSettings(indent, compactSequences: _firstDashColumn < indent);
    }

    private List<KeyValuePair<Interaction, ReadOnlyMemory<char>>> OriginalTexts()
    {
        var texts = new List<KeyValuePair<Interaction, ReadOnlyMemory<char>>>(_spans.Count);
        for (int i = 0; i < _spans.Count; i++)
        {
            var (interaction, start, _) = _spans[i];
            int end = i + 1 < _spans.Count ? LineStart(_spans[i + 1].End) : _interactionsEnd;
            if (start < 0 || end <= start || _text[end - 1] != '\n')
            {
                continue;
            }

            texts.Add(new(interaction, _text.AsMemory(start, end - start)));
        }

        return texts;
    }

    private int LineAfter(ParsingEvent idValue)
    {
        // Keep the original text only when the id line holds nothing but "- id: N".
        int end = (int)idValue.End.Index;
        return end < _text.Length && _text[end] == '\n' ? end + 1 : -1;
    }

    private int LineStart(int index)
    {
        int newline = _text.LastIndexOf('\n', Math.Max(0, index - 1));
        return newline + 1;
    }

    private void NoteValueEnd(ParsingEvent value)
    {
        // A block collection ends where the next token starts, which may be past comments and
        // document markers; only scalars and flow brackets mark where the text of a value ends.
        int end = (int)value.End.Index;
        if (value is Scalar || (end > 0 && end <= _text.Length && _text[end - 1] is ']' or '}'))
        {
            _lastValueEnd = Math.Max(_lastValueEnd, end);
        }
    }

    private CassetteFormatException Error(ParsingEvent at, string problem, Exception? inner = null) =>
        new(_source, (int)at.Start.Line, (int)at.Start.Column, problem, inner);

    private static string Describe(ParsingEvent e) => e switch
    {
        Scalar { Value.Length: > 40 } s => $"the text \"{s.Value[..40]}…\"",
        Scalar s => $"the text \"{s.Value}\"",
        MappingStart => "a mapping",
        SequenceStart => "a list",
        MappingEnd or SequenceEnd or DocumentEnd or StreamEnd => "the end of the enclosing block",
        _ => e.GetType().Name,
    };

    private static string TrimParserMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the
        // exception already carries the position.
        int dash = message.IndexOf("): ", StringComparison.Ordinal);
        return dash >= 0 ? message[(dash + 3)..] : message;
    }
}
