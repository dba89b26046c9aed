namespace Cassette.Tests.Support;

/// <summary>Stands for an upstream that answers with another HTTP version (TestHost answers as asked).</summary>
internal sealed class VersionHandler(Version version, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        response.Version = version;
        return response;
    }
}
