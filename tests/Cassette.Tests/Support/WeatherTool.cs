using Microsoft.Extensions.AI;

namespace Cassette.Tests.Support;

/// <summary>The <c>get_weather</c> function a chat client's function invocation calls, remembering the locations it was asked about.</summary>
internal sealed class WeatherTool
{
    public List<string> Locations { get; } = [];

    public AIFunction Function => AIFunctionFactory.Create(
        (string location) =>
        {
            Locations.Add(location);
            return "sunny, 24°C";
        },
        "get_weather",
        "Gets the weather for a location");
}
