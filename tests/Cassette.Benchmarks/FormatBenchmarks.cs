using System.Text;
using BenchmarkDotNet.Attributes;
using YamlDotNet.Core;

namespace Cassette.Benchmarks;

/// <summary>
/// Loads and writes the whole corpus, against YamlDotNet's bare event parser over the same text
/// (the floor for any YamlDotNet-based reader). Divide the corpus size by the mean for MB/s.
/// </summary>
[MemoryDiagnoser]
public class FormatBenchmarks
{
    private string[] _texts = [];
    private CassetteFile[] _cassettes = [];

    /// <summary>The corpus size in bytes, printed once for the MB/s figures.</summary>
    public long CorpusBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _texts = CorpusFiles.ReadAll();
        _cassettes = _texts.Select(t => CassetteFile.Parse(t)).ToArray();
        CorpusBytes = _texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        Console.WriteLine($"// corpus: {_texts.Length} files, {CorpusBytes} bytes");
    }

    [Benchmark(Baseline = true)]
    public int BareParser()
    {
        int events = 0;
        foreach (string text in _texts)
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                events++;
            }
        }

        return events;
    }

    [Benchmark]
    public int Load()
    {
        int interactions = 0;
        foreach (string text in _texts)
        {
            interactions += CassetteFile.Parse(text).Interactions.Count;
        }

        return interactions;
    }

    [Benchmark]
    public int Write()
    {
        int length = 0;
        foreach (var cassette in _cassettes)
        {
            length += cassette.ToCanonicalYaml().Length;
        }

        return length;
    }
}
