using System.Globalization;

namespace Cassette.Cli.Semantics;

/// <summary>A recorded response's status as people read it.</summary>
internal static class StatusLine
{
    /// <summary>The recorded status text, with the code in front when the text does not start with it.</summary>
    public static string Of(RecordedResponse response) =>
        response.Status.StartsWith(response.Code.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? response.Status
            : $"{response.Code} {response.Status}";
}
