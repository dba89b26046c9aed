using Cassette;
using Microsoft.Extensions.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts a cassette into an <c>IHttpClientFactory</c> client: <c>services.AddHttpClient("openai").AddCassette(session)</c>.</summary>
public static class CassetteHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the session's handler to the client's pipeline, so that the client replays from the
    /// cassette, records into it, or both, as the session's mode says. The factory gets a new
    /// handler each time it builds a pipeline (it rotates them, and one handler instance cannot
    /// serve two pipelines); all of them share the session's cassette.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="session">The open session; dispose it (after the service provider's clients are done) to save the cassette.</param>
    public static IHttpClientBuilder AddCassette(this IHttpClientBuilder builder, CassetteSession session)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(session);
        return builder.AddHttpMessageHandler(session.CreateHandler);
    }

    /// <summary>
    /// Adds the handler of a session taken from the service provider, such as a singleton
    /// <see cref="CassetteSession"/> the container disposes (and so saves) when it is disposed.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="session">Finds the session; called each time the factory builds a pipeline.</param>
    public static IHttpClientBuilder AddCassette(this IHttpClientBuilder builder, Func<IServiceProvider, CassetteSession> session)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(session);
        return builder.AddHttpMessageHandler(services => session(services).CreateHandler());
    }
}
