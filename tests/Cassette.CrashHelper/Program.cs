using Cassette;

// A child process for crash tests: saves two cassettes over one target, alternately and
// without end, printing a line after each save, until the parent kills it.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Cassette.CrashHelper FIRST SECOND TARGET");
    return 2;
}

var cassettes = new[] { CassetteFile.Load(args[0]), CassetteFile.Load(args[1]) };
for (long i = 0; ; i++)
{
    cassettes[i % 2].Save(args[2]);
    Console.Out.WriteLine($"saved {i}");
    Console.Out.Flush();
}
