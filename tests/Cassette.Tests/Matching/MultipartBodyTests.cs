using System.Text;

namespace Cassette.Tests.Matching;

/// <summary>Multipart bodies as RFC 2046 and RFC 7578 write them, split into parts.</summary>
public sealed class MultipartBodyTests
{
    private static IReadOnlyList<MultipartPart>? Parse(string contentType, string body) =>
        MultipartBody.TryParse(contentType, Encoding.UTF8.GetBytes(body));

    private static string Text(MultipartPart part) => Encoding.UTF8.GetString(part.Content.Span);

    [Fact]
    public void TryParse_PreambleTwoPartsAndEpilogue_ReturnsThePartsWithTheirHeaders()
    {
        const string Body = "preamble, ignored\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"a b.wav\"\r\n"
            + "Content-Type: Audio/WAV\r\n"
            + "\r\n"
            + "RIFF\r\n-XyZ and x--XyZ are not delimiters\r\n"
            + "--XyZ   \r\n"
            + "content-disposition: form-data; name=model\r\n"
            + "\r\n"
            + "whisper-1\r\n"
            + "--XyZ--\r\n"
            + "epilogue, ignored";

        var parts = Parse("multipart/form-data; boundary=\"XyZ\"", Body);

        Assert.NotNull(parts);
        Assert.Equal(2, parts.Count);
        Assert.Equal(("file", "a b.wav", "audio/wav"), (parts[0].Name, parts[0].FileName, parts[0].ContentType));
        Assert.Equal("RIFF\r\n-XyZ and x--XyZ are not delimiters", Text(parts[0]));
        Assert.Equal(("model", null, null), (parts[1].Name, parts[1].FileName, parts[1].ContentType));
        Assert.Equal("whisper-1", Text(parts[1]));
    }

    [Fact]
    public void TryParse_LineFeedsOnlyAndAnEmptyPart_ReturnsTheParts()
    {
        const string Body = "--b\nContent-Disposition: form-data; name=\"empty\"\n\n\n--b\nContent-Disposition: form-data; name=\"x\"\n\nvalue\n--b--";

        var parts = Parse("multipart/mixed; boundary=b", Body);

        Assert.NotNull(parts);
        Assert.Equal(["", "value"], parts.Select(Text));
        Assert.Equal(["empty", "x"], parts.Select(p => p.Name));
    }

    [Fact]
    public void TryParse_ExtendedFileName_TakesItOverThePlainOne()
    {
        const string Body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plain.txt\"; filename*=UTF-8''%C3%A9t%C3%A9.txt\r\n\r\nx\r\n--b--\r\n";

        var parts = Parse("multipart/form-data; boundary=b", Body);

        Assert.Equal("été.txt", Assert.Single(parts!).FileName);
    }

    [Theory]
    [InlineData("application/json; boundary=b")]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=other")]
    [InlineData("not a content type")]
    public void TryParse_NotMultipartOrAnotherBoundary_ReturnsNull(string contentType)
    {
        Assert.Null(Parse(contentType, "--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--\r\n"));
    }

    [Theory]
    [InlineData("--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=x\r\nv\r\n--b--\r\n")]
    [InlineData("--b junk\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--\r\n")]
    [InlineData("--b\r\nnot a header\r\n\r\nv\r\n--b--\r\n")]
    public void TryParse_Malformed_ReturnsNull(string body)
    {
        Assert.Null(Parse("multipart/form-data; boundary=b", body));
    }
}
