namespace Cassette.Cli.Checking;

/// <summary>One problem in one cassette. <see cref="Interaction"/> is null for the whole file.</summary>
internal sealed record CheckProblem(string File, int Line, string Rule, int? Interaction, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Rule}: {Message}";
}
