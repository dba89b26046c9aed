namespace Cassette.Tests.Support;

/// <summary>Compares interactions field by field (records compare maps and bodies by reference).</summary>
internal static class InteractionAssert
{
    public static void Equal(Interaction expected, Interaction actual)
    {
        Equal(expected.Request, actual.Request);
        Equal(expected.Response, actual.Response);
    }

    public static void Equal(RecordedRequest expected, RecordedRequest actual)
    {
        Assert.Equal(expected.Proto, actual.Proto);
        Assert.Equal(expected.ProtoMajor, actual.ProtoMajor);
        Assert.Equal(expected.ProtoMinor, actual.ProtoMinor);
        Assert.Equal(expected.ContentLength, actual.ContentLength);
        Assert.Equal(expected.TransferEncoding, actual.TransferEncoding);
        MapEqual(expected.Trailer, actual.Trailer);
        Assert.Equal(expected.Host, actual.Host);
        Assert.Equal(expected.RemoteAddr, actual.RemoteAddr);
        Assert.Equal(expected.RequestUri, actual.RequestUri);
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
        MapEqual(expected.Form, actual.Form);
        MapEqual(expected.Headers, actual.Headers);
        Assert.Equal(expected.Url, actual.Url);
        Assert.Equal(expected.Method, actual.Method);
    }

    public static void Equal(RecordedResponse expected, RecordedResponse actual)
    {
        Assert.Equal(expected.Proto, actual.Proto);
        Assert.Equal(expected.ProtoMajor, actual.ProtoMajor);
        Assert.Equal(expected.ProtoMinor, actual.ProtoMinor);
        Assert.Equal(expected.TransferEncoding, actual.TransferEncoding);
        MapEqual(expected.Trailer, actual.Trailer);
        Assert.Equal(expected.ContentLength, actual.ContentLength);
        Assert.Equal(expected.Uncompressed, actual.Uncompressed);
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
        MapEqual(expected.Headers, actual.Headers);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Duration, actual.Duration);
    }

    public static void MapEqual(
        IReadOnlyDictionary<string, IReadOnlyList<string>> expected,
        IReadOnlyDictionary<string, IReadOnlyList<string>> actual)
    {
        Assert.Equal(
            expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, string.Join("\u0001", p.Value))),
            actual.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, string.Join("\u0001", p.Value))));
    }
}
