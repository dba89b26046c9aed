namespace Cassette;

/// <summary>
/// Implemented by a test class to adjust the options of its tests' cassettes, for example to keep
/// only some headers, to redact a query parameter or to relax matching. Every test-framework
/// adapter calls it before it opens a test's cassette.
/// </summary>
public interface IConfigureCassette
{
    /// <summary>Called before each test's cassette is opened, with the options it will be opened with.</summary>
    /// <param name="options">The options; the mode is read from <c>CASSETTE_MODE</c> unless set here.</param>
    void ConfigureCassette(CassetteSessionOptions options);
}
