namespace Cassette;

/// <summary>The passthrough mode's pipeline handler: sends every request on and records nothing.</summary>
internal sealed class PassthroughHandler : DelegatingHandler
{
}
