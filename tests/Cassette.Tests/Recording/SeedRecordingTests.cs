using System.Net.Http.Headers;
using System.Text;
using Cassette.Tests.Support;

namespace Cassette.Tests.Recording;

/// <summary>
/// Recording a request and response identical to a seed interaction gives that interaction's
/// text byte for byte: the recorder and the writer agree with go-vcr.
/// </summary>
public sealed class SeedRecordingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, int> SeedInteractions()
    {
        var data = new TheoryData<string, int>();
        foreach (string path in Fixtures.AllSeeds)
        {
            int count = CassetteFile.Load(path).Interactions.Count;
            for (int i = 0; i < count; i++)
            {
                data.Add(Path.GetFileName(path), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedInteractions))]
    public async Task Record_SameExchangeAsSeed_WritesTheSeedInteractionByteForByte(string seed, int index)
    {
        string path = Fixtures.Seed(seed);
        var seedCassette = CassetteFile.Load(path);
        var expected = seedCassette.Interactions[index];
        // The seeds' plain-JSON responses were gzip on the wire and decompressed by Go's client:
        // only a real socket handler decompresses, so those go through Kestrel.
        bool decompress = expected.Response.Uncompressed;
        await using var upstream = await FakeUpstream.StartAsync(kestrel: decompress);
        var clock = new ManualClock();
        upstream.BeforeResponse = _ =>
        {
            clock.Advance(expected.Response.Duration);
            return Task.CompletedTask;
        };
        upstream.Gzip = decompress;
        upstream.Handler = async context =>
        {
            context.Response.StatusCode = expected.Response.Code;
            context.Response.ContentType = expected.Response.Headers["Content-Type"].Single();
            byte[] body = expected.Response.Body.ToArray();
            if (decompress)
            {
                body = Gzip(body);
                context.Response.Headers.ContentEncoding = "gzip";
                // HTTP/2 has no chunked transfer coding: a known length keeps Kestrel's HTTP/1.1 from using it.
                context.Response.ContentLength = body.Length;
            }

            await context.Response.Body.WriteAsync(body, Token);
        };
        var options = new RecordingOptions
        {
            TimeProvider = clock,
            KeptHeaders = { "Accept", "Content-Type", "User-Agent" },
        };
        var cassette = new CassetteFile(seedCassette.Layout);
        // The seeds' upstream spoke HTTP/2; TestHost and Kestrel here answer in HTTP/1.1.
        var handler = new RecordingHandler(cassette, new VersionHandler(new Version(2, 0), upstream.CreateHandler(decompress)), options);
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(new HttpMethod(expected.Request.Method), decompress ? upstream.Url("api/v1/chat/completions") : new Uri(expected.Request.Url))
        {
            Content = new ByteArrayContent(expected.Request.Body.ToArray()),
        };
        request.Headers.TryAddWithoutValidation("Accept", expected.Request.Headers["Accept"]);
        request.Headers.TryAddWithoutValidation("User-Agent", expected.Request.Headers["User-Agent"]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", expected.Request.Headers["Content-Type"]);

        using var response = await client.SendAsync(request, Token);
        await handler.FlushAsync(Token);
        if (decompress)
        {
            // Kestrel listens on a local port: put the seed's URL back, the one thing that differs.
            cassette.Interactions = [cassette.Interactions[0] with { Request = cassette.Interactions[0].Request with { Url = expected.Request.Url } }];
        }

        Assert.Equal(InteractionText(seedCassette, index), InteractionText(cassette, 0));
    }

    private static string InteractionText(CassetteFile cassette, int index)
    {
        var single = new CassetteFile(cassette.Layout);
        single.Add(cassette.Interactions[index]);
        string text = single.ToCanonicalYaml();
        // The id is the only thing that depends on the position in the file.
        return text[(text.IndexOf("- id: 0\n", StringComparison.Ordinal) + "- id: 0\n".Length)..];
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
