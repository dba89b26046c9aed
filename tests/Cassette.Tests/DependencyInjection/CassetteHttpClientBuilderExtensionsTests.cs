using Cassette.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cassette.Tests.DependencyInjection;

public sealed class CassetteHttpClientBuilderExtensionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cassette-di-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AddCassette_TwoPipelinesShareOneSession_EachGetsItsOwnHandlerAndBothAreRecorded()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string path = Path.Combine(_folder, "factory.yaml");

        await using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Record }))
        {
            var services = new ServiceCollection();
            services.AddHttpClient("chat").AddCassette(session).ConfigurePrimaryHttpMessageHandler(() => upstream.CreateHandler());
            services.AddHttpClient("models").AddCassette(_ => session).ConfigurePrimaryHttpMessageHandler(() => upstream.CreateHandler());
            await using var provider = services.BuildServiceProvider();
            var factory = provider.GetRequiredService<IHttpClientFactory>();

            using var chat = factory.CreateClient("chat");
            using var models = factory.CreateClient("models");
            await chat.GetStringAsync(upstream.Url("first"), Token);
            await models.GetStringAsync(upstream.Url("second"), Token);
            await chat.GetStringAsync(upstream.Url("third"), Token);
        }

        Assert.Equal(
            ["http://localhost/first", "http://localhost/second", "http://localhost/third"],
            CassetteFile.Load(path).Interactions.Select(i => i.Request.Url));

        await using (var session = CassetteSession.Open(path, new CassetteSessionOptions { Mode = CassetteMode.Replay }))
        {
            var services = new ServiceCollection();
            services.AddHttpClient("chat").AddCassette(session);
            await using var provider = services.BuildServiceProvider();
            using var chat = provider.GetRequiredService<IHttpClientFactory>().CreateClient("chat");
            foreach (string target in new[] { "first", "second", "third" })
            {
                Assert.Contains($"\"target\":\"/{target}\"", await chat.GetStringAsync(upstream.Url(target), Token), StringComparison.Ordinal);
            }

            session.VerifyAllPlayed();
        }

        Assert.Equal(3, upstream.Received.Count);
    }

    [Fact]
    public async Task CreateHandler_CalledTwice_GivesTwoInstances()
    {
        await using var session = CassetteSession.Open(Path.Combine(_folder, "x.yaml"), new CassetteSessionOptions { Mode = CassetteMode.Record });

        using var first = session.CreateHandler();
        using var second = session.CreateHandler();

        Assert.NotSame(first, second);
    }

    [Fact]
    public void AddCassette_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddHttpClient("x");

        Assert.Throws<ArgumentNullException>(() => builder.AddCassette((CassetteSession)null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddCassette((Func<IServiceProvider, CassetteSession>)null!));
    }
}
