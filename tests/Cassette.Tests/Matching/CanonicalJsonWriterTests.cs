using System.Text;
using System.Text.Json.Nodes;
using Cassette.Tests.Support;

namespace Cassette.Tests.Matching;

/// <summary>The streaming writer must produce exactly the text of the tree it replaces on the hot path.</summary>
public sealed class CanonicalJsonWriterTests
{
    public static TheoryData<string> Cases =>
    [
        """{"b":1,"a":[true,null,"x"]}""",
        """ { "a" : { "d" : 1 , "c" : 2 } } """,
        """{"s":"caf\u00e9 \"q\" \n\t\r\u0001\u001f \\ \/ \u2028"}""",
        """{"z":{"y":[{"b":2,"a":1},{"d":[3,{"f":1,"e":2}],"c":0}]},"a":-0.0e5}""",
        """{"a":1,"a":2,"A":3,"_":4,"a":0}""",
        """{"é":1,"e":2,"\u00e9x":3,"\ud83d\ude00":4,"\uffff":5,"\"":6,"\\":7,"#":8,"\n":9}""",
        """{"k16":16,"k15":15,"k14":14,"k13":13,"k12":12,"k11":11,"k10":10,"k9":9,"k8":8,"k7":7,"k6":6,"k5":5,"k4":4,"k3":3,"k2":2,"k1":1,"k1":0,"k0":-1}""",
        """[1, 1.0, 10E-1, 0.1e1, -0, 2.50, 1e3, 0.0001119, 1e-7, 123456789012345678901234567890, 0.7, -12.5e-3]""",
        "\"just a string\"",
        "42",
        "true",
        "null",
        "[]",
        "{}",
        """{"a":{},"b":[],"c":[{}],"d":{"e":[]}}""",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryAppendJson_Cases_WritesTheTreeText(string json)
    {
        AssertSameAsTree(Encoding.UTF8.GetBytes(json), []);
    }

    [Theory]
    [InlineData("""{"model":"m","stream_options":{"include_usage":true}}""", "$.stream_options")]
    [InlineData("""{"a":[{"obfuscation":"x","v":1},{"b":{"obfuscation":"y"}}]}""", "$..obfuscation")]
    [InlineData("""{"messages":[{"content":"a"},{"content":"b"}]}""", "$.messages[*].content")]
    [InlineData("""{"messages":[{"content":"a"},{"content":"b"},{"content":"c"}]}""", "$.messages[1]")]
    [InlineData("""{"a b":1,"c":2}""", "$['a b']")]
    [InlineData("""{"a":1}""", "$")]
    [InlineData("""[[1,2],[3,[4,5]]]""", "$[1][1][0]")]
    [InlineData("""{"z":1,"y":{"x":[1,2]},"w":3}""", "$.y")]
    [InlineData("""{"m":[{"c":"{\"CallId\":\"4d\",\"Result\":\"40 C\", \"z\":[1.0]}"},{"c":"not json"},{"c":"{broken"}]}""", "$.m[*].c#.CallId")]
    [InlineData("""{"m":[{"c":"{\"r\":[{\"id\":1,\"v\":\"x\"},{\"v\":\"y\",\"id\":2}]}"}]}""", "$.m[*].c#.r[*].id")]
    [InlineData("""{"c":"{\"a\":\"{\\\"b\\\":1,\\\"id\\\":2}\"}"}""", "$.c#.a#.id")]
    [InlineData("""{"c":"{\"id\":1}","d":"[2, 1]"}""", "$.c#")]
    [InlineData(""" "{\"id\":1,\"q\":\"\\n\"}" """, "$#.id")]
    public void TryAppendJson_IgnoredPath_WritesTheTreeText(string json, string path)
    {
        AssertSameAsTree(Encoding.UTF8.GetBytes(json), [JsonPathPattern.Parse(path)]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("{\"a\":1,}")]
    public void TryAppendJson_NotJson_ReturnsFalseAndWritesNothing(string text)
    {
        var writer = new CanonicalJsonWriter();
        writer.Append("prefix"u8);

        Assert.False(writer.TryAppendJson(Encoding.UTF8.GetBytes(text), []));
        Assert.Equal("prefix", Encoding.UTF8.GetString(writer.Written));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'"' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { (byte)'"', (byte)'\\', (byte)'n', 0xFF, (byte)'"' })]
    public void TryAppendJson_InvalidUtf8_ThrowsWhereTheTreeIsNotJson(byte[] json)
    {
        Assert.Null(JsonCanonicalizer.TryParse(json, []));
        Assert.Throws<InvalidOperationException>(() => new CanonicalJsonWriter().TryAppendJson(json, []));
    }

    [Fact]
    public void TryAppendJson_LoneSurrogateEscape_ThrowsWhereTheTreeIsNotJson()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"a":"\ud800"}""");

        Assert.Null(JsonCanonicalizer.TryParse(json, []));
        Assert.Throws<InvalidOperationException>(() => new CanonicalJsonWriter().TryAppendJson(json, []));
    }

    [Fact]
    public void TryAppendJson_EveryFixtureBody_WritesTheTreeText()
    {
        int bodies = 0;
        foreach (string file in Fixtures.AllSeeds.Concat(Fixtures.CorpusFiles).Concat(Fixtures.GoldenFiles))
        {
            CassetteFile cassette;
            try
            {
                cassette = CassetteFile.Load(file);
            }
            catch (CassetteFormatException)
            {
                continue;
            }

            foreach (var interaction in cassette.Interactions)
            {
                foreach (var body in new[] { interaction.Request.Body, interaction.Response.Body })
                {
                    AssertSameAsTree(body.ToArray(), []);
                    if (JsonCanonicalizer.TryParse(body, []) is { Kind: System.Text.Json.JsonValueKind.Object })
                    {
                        // The same value with every object's members reversed, as another client orders them.
                        AssertSameAsTree(Encoding.UTF8.GetBytes(Reversed(JsonNode.Parse(body.Span))!.ToJsonString()), []);
                    }

                    bodies++;
                }
            }
        }

        Assert.True(bodies > 100, $"only {bodies} bodies were checked");
    }

    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reversed(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Reversed)]),
        null => null,
        _ => node!.DeepClone(),
    };

    private static void AssertSameAsTree(byte[] json, IReadOnlyList<JsonPathPattern> ignored)
    {
        var tree = JsonCanonicalizer.TryParse(json, ignored);
        var writer = new CanonicalJsonWriter();
        bool isJson = writer.TryAppendJson(json, ignored);
        string written = Encoding.UTF8.GetString(writer.Written);

        Assert.Equal(tree is not null, isJson);
        if (tree is not null)
        {
            Assert.Equal(JsonCanonicalizer.Write(tree, indented: false), written);
        }
    }
}
