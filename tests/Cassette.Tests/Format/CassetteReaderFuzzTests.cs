using System.Globalization;
using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Format;

/// <summary>
/// Mutates real cassettes and checks that every result either loads or fails with a
/// <see cref="CassetteFormatException"/> that names the file, line and column: never another
/// exception, never a hang, never unbounded allocation. The seed is fixed, so a failure
/// reproduces; set CASSETTE_FUZZ_CASES for a longer run (see README, "Guarantees").
/// </summary>
public sealed class CassetteReaderFuzzTests
{
    private const int DefaultCases = 3000;
    private const int Seed = 20261122;

    [Fact(Timeout = 120_000)]
    public async Task Load_MutatedRealCassettes_LoadsOrThrowsFormatExceptionWithPosition()
    {
        await Task.Yield();
        int cases = int.TryParse(Environment.GetEnvironmentVariable("CASSETTE_FUZZ_CASES"), CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : DefaultCases;
        var random = new Random(Seed);
        var inputs = Fixtures.AllSeeds
            .Concat(Fixtures.CorpusFiles.Where((_, i) => i % 10 == 0))
            .Select(File.ReadAllBytes)
            .ToArray();
        var mutations = new Func<Random, byte[], byte[]>[]
        {
            TruncateAtStructuralPoint, FlipByte, TabIndent, DuplicateKeyLine, WrongType,
            HugeNumber, InvalidUtf8, DeepNesting, AliasBomb,
        };

        int loaded = 0, rejected = 0;
        for (int i = 0; i < cases; i++)
        {
            var mutation = mutations[i % mutations.Length];
            byte[] input = mutation(random, inputs[random.Next(inputs.Length)]);
            string name = $"case-{i}-{mutation.Method.Name}.yaml";
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                CassetteFile.FromBytes(input, name);
                loaded++;
            }
            catch (CassetteFormatException e)
            {
                rejected++;
                Assert.Equal(name, e.CassettePath);
                Assert.True(e.Line > 0 && e.Column > 0, $"{name}: no position in \"{e.Message}\"");
                Assert.StartsWith($"{name}:{e.Line}:{e.Column}: ", e.Message, StringComparison.Ordinal);
            }
            catch (Exception e)
            {
                Assert.Fail($"{name} threw {e.GetType().Name} instead of CassetteFormatException: {e}\n--- input ---\n{Encoding.UTF8.GetString(input)}");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            Assert.True(allocated < 64L * input.Length + (4 << 20), $"{name} allocated {allocated} bytes for a {input.Length}-byte input.");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{cases} mutated cassettes: {loaded} loaded, {rejected} rejected with a position.");
        Assert.True(rejected > cases / 4, "Too few mutations were rejected: the mutations are not reaching the reader.");
    }

    private static byte[] TruncateAtStructuralPoint(Random random, byte[] input)
    {
        // Line starts, after "key:", inside quotes and block scalars.
        var points = new List<int>();
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] is (byte)'\n' or (byte)':' or (byte)'"' or (byte)'\'' or (byte)'|' or (byte)'-')
            {
                points.Add(i + 1);
            }
        }

        return input[..points[random.Next(points.Count)]];
    }

    private static byte[] FlipByte(Random random, byte[] input)
    {
        byte[] output = (byte[])input.Clone();
        output[random.Next(output.Length)] ^= (byte)(1 << random.Next(8));
        return output;
    }

    private static byte[] TabIndent(Random random, byte[] input) =>
        EditLine(random, input, line => line.Length > 0 && line[0] == ' ' ? "\t" + line[1..] : "\t" + line);

    private static byte[] DuplicateKeyLine(Random random, byte[] input) =>
        EditLine(random, input, line => line.Contains(": ", StringComparison.Ordinal) ? line + "\n" + line : line + "\n" + line);

    private static byte[] WrongType(Random random, byte[] input)
    {
        string[] replacements = ["{a: 1}", "[1, 2]", "abc", "\"x\"", "-1.5e300", "~", "!!binary zz", "[[]]", "{}"];
        string replacement = replacements[random.Next(replacements.Length)];
        return EditLine(random, input, line =>
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            return colon < 0 ? line : line[..(colon + 2)] + replacement;
        });
    }

    private static byte[] HugeNumber(Random random, byte[] input) =>
        EditLine(random, input, line =>
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            return colon < 0 ? line + " 99999999999999999999999999" : line[..(colon + 2)] + "-99999999999999999999999999";
        });

    private static byte[] InvalidUtf8(Random random, byte[] input)
    {
        byte[][] bad = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]];
        int at = random.Next(input.Length);
        return [.. input[..at], .. bad[random.Next(bad.Length)], .. input[at..]];
    }

    private static byte[] DeepNesting(Random random, byte[] input)
    {
        int depth = random.Next(1_000, 20_000);
        string nested = new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : depth / 2);
        return EditLine(random, input, line =>
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            return colon < 0 ? line : line[..(colon + 2)] + nested;
        });
    }

    private static byte[] AliasBomb(Random random, byte[] input)
    {
        var bomb = new StringBuilder("lol0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i < 10; i++)
        {
            bomb.Append(CultureInfo.InvariantCulture, $"lol{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        string text = Encoding.UTF8.GetString(input);
        int at = text.IndexOf("interactions:", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(random.Next(2) == 0 || at < 0 ? bomb + text : text[..at] + bomb + text[at..]);
    }

    private static byte[] EditLine(Random random, byte[] input, Func<string, string> edit)
    {
        string[] lines = Encoding.UTF8.GetString(input).Split('\n');
        int index = random.Next(lines.Length);
        lines[index] = edit(lines[index]);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
