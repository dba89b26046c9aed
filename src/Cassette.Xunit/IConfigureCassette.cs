namespace Cassette.Xunit;

/// <summary>
/// Implemented by a test class to adjust the options of the cassettes that
/// <see cref="UseCassetteAttribute"/> opens for its tests, for example to keep only some headers
/// or to redact a query parameter.
/// </summary>
public interface IConfigureCassette
{
    /// <summary>Called before each test's cassette is opened, with the options it will be opened with.</summary>
    /// <param name="options">The options; the mode is already read from <c>CASSETTE_MODE</c> and may be changed.</param>
    void ConfigureCassette(CassetteSessionOptions options);
}
