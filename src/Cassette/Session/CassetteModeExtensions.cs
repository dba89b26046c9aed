namespace Cassette;

/// <summary>Names of the <see cref="CassetteMode"/> values, and the <c>CASSETTE_MODE</c> environment variable.</summary>
internal static class CassetteModeExtensions
{
    /// <summary>The environment variable that chooses the mode of a test run: <c>CASSETTE_MODE</c>.</summary>
    public const string EnvironmentVariable = "CASSETTE_MODE";

    private static readonly EnumNames<CassetteMode> s_names = new(
        (CassetteMode.Replay, "replay"),
        (CassetteMode.Record, "record"),
        (CassetteMode.Once, "once"),
        (CassetteMode.NewEpisodes, "new-episodes"),
        (CassetteMode.Passthrough, "passthrough"));

    /// <summary>The names accepted by <see cref="ParseModeName"/>: <c>replay</c>, <c>record</c>, <c>once</c>, <c>new-episodes</c>, <c>passthrough</c>.</summary>
    public static IReadOnlyList<string> ModeNames => s_names.All;

    /// <summary>The mode's name as <c>CASSETTE_MODE</c> spells it, for example <c>new-episodes</c>.</summary>
    public static string ToModeName(this CassetteMode mode) =>
        s_names.TryName(mode, out string name) ? name : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a CassetteMode value.");

    /// <summary>Finds the mode with the given name, ignoring case and surrounding white space.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="ModeNames"/>.</exception>
    public static CassetteMode ParseModeName(string name) => s_names.Parse(name, "cassette mode");

    /// <summary>
    /// The mode <c>CASSETTE_MODE</c> asks for: <see cref="CassetteMode.Replay"/> when it is unset or
    /// empty, so that CI never reaches the network by accident.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable holds something that is not a mode name; the message lists the valid ones.</exception>
    public static CassetteMode FromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return CassetteMode.Replay;
        }

        return s_names.TryParse(value, out var mode)
            ? mode
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is \"{value}\", which is not a cassette mode. Set it to one of: {string.Join(", ", ModeNames)} (or unset it to replay).");
    }
}
