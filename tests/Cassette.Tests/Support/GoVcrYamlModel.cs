using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cassette.Tests.Support;

/// <summary>
/// A second reading of a cassette, independent of Cassette's reader: YamlDotNet's representation
/// model, with each node decoded by hand as go-yaml fills go-vcr's Go types (a null is the zero
/// value, a <c>!!binary</c> body is base64).
/// </summary>
internal static partial class GoVcrYamlModel
{
    private const string BinaryTag = "tag:yaml.org,2002:binary";

    public static YamlSequenceNode Interactions(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return root.Children[new YamlScalarNode("interactions")] as YamlSequenceNode ?? new YamlSequenceNode();
    }

    public static YamlMappingNode Field(YamlMappingNode interaction, string key) =>
        (YamlMappingNode)interaction.Children[new YamlScalarNode(key)];

    public static IReadOnlyList<string> Keys(YamlMappingNode mapping) =>
        mapping.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToArray();

    public static void AssertRequest(YamlMappingNode node, RecordedRequest request)
    {
        Assert.Equal(String(node, "proto"), request.Proto);
        Assert.Equal(Int(node, "proto_major"), request.ProtoMajor);
        Assert.Equal(Int(node, "proto_minor"), request.ProtoMinor);
        Assert.Equal(Int(node, "content_length"), request.ContentLength);
        Assert.Equal(List(node, "transfer_encoding"), request.TransferEncoding);
        AssertMap(node, "trailer", request.Trailer);
        Assert.Equal(String(node, "host"), request.Host);
        Assert.Equal(String(node, "remote_addr"), request.RemoteAddr);
        Assert.Equal(String(node, "request_uri"), request.RequestUri);
        Assert.Equal(Bytes(node, "body"), request.Body.ToArray());
        AssertMap(node, "form", request.Form);
        AssertMap(node, "headers", request.Headers);
        Assert.Equal(String(node, "url"), request.Url);
        Assert.Equal(String(node, "method"), request.Method);
    }

    public static void AssertResponse(YamlMappingNode node, RecordedResponse response)
    {
        Assert.Equal(String(node, "proto"), response.Proto);
        Assert.Equal(Int(node, "proto_major"), response.ProtoMajor);
        Assert.Equal(Int(node, "proto_minor"), response.ProtoMinor);
        Assert.Equal(List(node, "transfer_encoding"), response.TransferEncoding);
        AssertMap(node, "trailer", response.Trailer);
        Assert.Equal(Int(node, "content_length"), response.ContentLength);
        Assert.Equal(Scalar(node, "uncompressed") is { } flag && bool.Parse(flag), response.Uncompressed);
        Assert.Equal(Bytes(node, "body"), response.Body.ToArray());
        AssertMap(node, "headers", response.Headers);
        Assert.Equal(String(node, "status"), response.Status);
        Assert.Equal(Int(node, "code"), response.Code);
        Assert.Equal(DurationNanoseconds(String(node, "duration")), response.Duration.Nanoseconds);
    }

    private static string? Scalar(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return null;
        }

        var scalar = (YamlScalarNode)value;
        bool isNull = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
        return isNull ? null : scalar.Value;
    }

    private static string String(YamlMappingNode node, string key) => Scalar(node, key) ?? "";

    private static long Int(YamlMappingNode node, string key) =>
        Scalar(node, key) is { } text ? long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;

    private static byte[] Bytes(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return [];
        }

        return !value.Tag.IsNonSpecific && !value.Tag.IsEmpty && value.Tag.Value == BinaryTag
            ? Convert.FromBase64String(((YamlScalarNode)value).Value!)
            : Encoding.UTF8.GetBytes(Scalar(node, key) ?? "");
    }

    private static string[] List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode items
            ? items.Children.Select(i => ((YamlScalarNode)i).Value!).ToArray()
            : [];

    private static void AssertMap(YamlMappingNode node, string key, IReadOnlyDictionary<string, IReadOnlyList<string>> actual)
    {
        var expected = node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (IReadOnlyList<string>)List(map, ((YamlScalarNode)p.Key).Value!))
            : [];
        InteractionAssert.MapEqual(expected, actual);
    }

    /// <summary>Go's <c>time.ParseDuration</c> for the unsigned forms cassettes hold: number-unit pairs.</summary>
    private static long DurationNanoseconds(string text)
    {
        var match = DurationPattern().Match(text);
        Assert.True(match.Success, $"\"{text}\" is not a Go duration.");
        decimal total = 0;
        for (int i = 0; i < match.Groups["number"].Captures.Count; i++)
        {
            decimal number = decimal.Parse(match.Groups["number"].Captures[i].Value, CultureInfo.InvariantCulture);
            total += number * match.Groups["unit"].Captures[i].Value switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                _ => 3_600_000_000_000m,
            };
        }

        return (long)decimal.Truncate(total);
    }

    [GeneratedRegex(@"^(?:(?<number>[0-9]+(?:\.[0-9]*)?)(?<unit>ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex DurationPattern();
}
