using System.Text;
using System.Text.Json.Nodes;
using Cassette.Tests.Support;

namespace Cassette.Tests.Matching;

/// <summary>Bodies match when they are the same JSON value, or the same text.</summary>
public sealed class BodyMatcherTests
{
    private static readonly BodyMatcher s_body = new([]);

    private static bool Match(string a, string b) => Match(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static bool Match(byte[] a, byte[] b) =>
        s_body.Matches(new RecordedRequest { Body = a }, new RecordedRequest { Body = b });

    [Theory]
    [InlineData("""{"b":1,"a":[true,null,"x"]}""", """ { "a" : [ true , null , "x" ] , "b" : 1 } """)]
    [InlineData("""[1, 1.0, 10E-1, 0.1e1, -0, 2.50, 123456789012345678901234567890]""", """[1,1,1,1,0,2.5,1.2345678901234567890123456789e29]""")]
    [InlineData("""{"s":"caf\u00e9 \/"}""", """{"s":"café /"}""")]
    [InlineData("""{"a":1,"a":2}""", """{"a":1,"a":2}""")]
    [InlineData("a\r\nb\r\n", "a\nb\n")]
    public void Matches_SameValueSpelledDifferently_Matches(string a, string b)
    {
        Assert.True(Match(a, b));
    }

    [Theory]
    [InlineData("""[1,2]""", """[2,1]""")]
    [InlineData("""{"a":1,"a":2}""", """{"a":2,"a":1}""")]
    [InlineData("""{"a":1}""", """{"a":"1"}""")]
    [InlineData("""{"a":0.1}""", """{"a":0.10000000000000001}""")]
    [InlineData("""{"a":1}""", """{"a":1} trailing""")]
    [InlineData("a\nb", "a\nB")]
    public void Matches_DifferentValue_DoesNotMatch(string a, string b)
    {
        Assert.False(Match(a, b));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'"' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, (byte)'"', (byte)'}' })]
    public void Matches_InvalidUtf8_ComparesTheBytes(byte[] body)
    {
        byte[] other = [.. body];
        other[^2] ^= 1;

        Assert.True(Match(body, [.. body]));
        Assert.False(Match(body, other));
    }

    [Fact]
    public void Matches_EveryFixtureBodyWithItsMembersReversed_Matches()
    {
        int bodies = 0;
        foreach (string file in Fixtures.AllSeeds.Concat(Fixtures.CorpusFiles))
        {
            foreach (var interaction in CassetteFile.Load(file).Interactions)
            {
                var body = interaction.Request.Body;
                if (JsonNode.Parse(body.Span) is JsonObject json)
                {
                    // The same value with every object's members reversed, as another client orders them.
                    Assert.True(Match(body.ToArray(), Encoding.UTF8.GetBytes(Reversed(json)!.ToJsonString())), file);
                    bodies++;
                }
            }
        }

        Assert.True(bodies > 300, $"only {bodies} bodies were checked");
    }

    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reversed(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Reversed)]),
        null => null,
        _ => node!.DeepClone(),
    };
}
