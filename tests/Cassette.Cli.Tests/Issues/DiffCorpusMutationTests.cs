using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Issues;

/// <summary>
/// Issue 14: <c>cassette diff</c> of any two loadable cassettes finishes with a verdict. Each
/// sampled corpus cassette is compared with copies of itself changed the ways a re-recording
/// changes a file, chosen by a seeded random, so a failure names a case that can be run again.
/// </summary>
public sealed class DiffCorpusMutationTests
{
    // Every 20th file (18 of the 350, 108 diffs) keeps the run to a few seconds and still
    // takes streamed, JSON and binary bodies from most providers.
    private const int Sample = 20;

    private static readonly string[] s_mutations =
    [
        "last byte of a body", "line dropped from a body", "line appended to a body",
        "header value changed", "interactions swapped", "interaction removed",
    ];

    public static TheoryData<string> CorpusSample => [.. Fixtures.CorpusFiles.Where((_, i) => i % Sample == 0).Select(Fixtures.Relative)];

    [Theory]
    [MemberData(nameof(CorpusSample))]
    public void Diff_CorpusCassetteAgainstMutatedCopies_EndsWithAVerdict(string relative)
    {
        string original = Fixtures.FromRelative(relative);
        using var temp = new TempDirectory();
        var failures = new List<string>();
        foreach (string mutation in s_mutations)
        {
            var cassette = CassetteFile.Load(original);
            var random = new Random(HashCode(relative + mutation));
            cassette.Interactions = Mutate(cassette.Interactions, mutation, random);
            string mutated = temp.PathOf(mutation.Replace(' ', '_') + ".yaml");
            cassette.Save(mutated);

            var (exitCode, output, error) = CliRunner.Run("diff", "--color", "never", original, mutated);

            if (exitCode is not (0 or 1) || error.Length > 0 || output.Length == 0)
            {
                failures.Add($"{mutation}: exit code {exitCode}, output {output.Length} chars, error: {error}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static List<Interaction> Mutate(IReadOnlyList<Interaction> interactions, string mutation, Random random)
    {
        var list = interactions.ToList();
        if (list.Count == 0)
        {
            return list;
        }

        int at = random.Next(list.Count);
        var target = list[at];
        bool inRequest = random.Next(2) == 0;
        switch (mutation)
        {
            case "last byte of a body":
                list[at] = WithBody(target, inRequest, body =>
                {
                    if (body.Length == 0)
                    {
                        return "x"u8.ToArray();
                    }

                    byte[] copy = body.ToArray();
                    copy[^1] ^= 1;
                    return copy;
                });
                break;
            case "line dropped from a body":
                list[at] = WithBody(target, inRequest, body =>
                {
                    var lines = Encoding.UTF8.GetString(body.Span).Split('\n').ToList();
                    lines.RemoveAt(random.Next(lines.Count));
                    return Encoding.UTF8.GetBytes(string.Join('\n', lines));
                });
                break;
            case "line appended to a body":
                list[at] = WithBody(target, inRequest, body => [.. body.Span, .. "\nappended"u8]);
                break;
            case "header value changed":
                list[at] = inRequest
                    ? target with { Request = target.Request with { Headers = WithHeaderChanged(target.Request.Headers, random) } }
                    : target with { Response = target.Response with { Headers = WithHeaderChanged(target.Response.Headers, random) } };
                break;
            case "interactions swapped":
                int other = random.Next(list.Count);
                (list[at], list[other]) = (list[other], list[at]);
                break;
            case "interaction removed":
                list.RemoveAt(at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "Unknown mutation.");
        }

        return list;
    }

    private static Interaction WithBody(Interaction interaction, bool inRequest, Func<ReadOnlyMemory<byte>, byte[]> change)
    {
        if (inRequest)
        {
            byte[] body = change(interaction.Request.Body);
            return interaction with { Request = interaction.Request with { Body = body, ContentLength = body.Length } };
        }

        byte[] responseBody = change(interaction.Response.Body);
        return interaction with { Response = interaction.Response with { Body = responseBody } };
    }

    private static Dictionary<string, IReadOnlyList<string>> WithHeaderChanged(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, Random random)
    {
        var changed = new Dictionary<string, IReadOnlyList<string>>(headers, StringComparer.OrdinalIgnoreCase);
        if (changed.Count == 0)
        {
            changed["X-Mutated"] = ["1"];
            return changed;
        }

        string name = changed.Keys.Order(StringComparer.Ordinal).ElementAt(random.Next(changed.Count));
        changed[name] = [.. changed[name].Select((value, i) => i == 0 ? value + "-changed" : value)];
        return changed;
    }

    // string.GetHashCode is randomized per process; the seed must be the same on every run.
    private static int HashCode(string text)
    {
        int hash = 17;
        foreach (char c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
