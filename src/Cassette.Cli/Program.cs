using Cassette.Cli;

return CassetteCli.Run(args, Console.Out, Console.Error);
