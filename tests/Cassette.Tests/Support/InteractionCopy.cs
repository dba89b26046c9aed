namespace Cassette.Tests.Support;

/// <summary>
/// Deep copies of interactions: new instances with the same values, so a cassette holding them
/// has no original text to fall back on and must write every byte itself.
/// </summary>
internal static class InteractionCopy
{
    public static Interaction Of(Interaction source) => new(
        new RecordedRequest
        {
            Proto = new string(source.Request.Proto),
            ProtoMajor = source.Request.ProtoMajor,
            ProtoMinor = source.Request.ProtoMinor,
            ContentLength = source.Request.ContentLength,
            TransferEncoding = List(source.Request.TransferEncoding),
            Trailer = Map(source.Request.Trailer),
            Host = new string(source.Request.Host),
            RemoteAddr = new string(source.Request.RemoteAddr),
            RequestUri = new string(source.Request.RequestUri),
            Body = source.Request.Body.ToArray(),
            Form = Map(source.Request.Form),
            Headers = Map(source.Request.Headers),
            Url = new string(source.Request.Url),
            Method = new string(source.Request.Method),
        },
        new RecordedResponse
        {
            Proto = new string(source.Response.Proto),
            ProtoMajor = source.Response.ProtoMajor,
            ProtoMinor = source.Response.ProtoMinor,
            TransferEncoding = List(source.Response.TransferEncoding),
            Trailer = Map(source.Response.Trailer),
            ContentLength = source.Response.ContentLength,
            Uncompressed = source.Response.Uncompressed,
            Body = source.Response.Body.ToArray(),
            Headers = Map(source.Response.Headers),
            Status = new string(source.Response.Status),
            Code = source.Response.Code,
            Duration = new GoDuration(source.Response.Duration.Nanoseconds),
        });

    /// <summary>A new cassette in the same layout whose interactions are all copies.</summary>
    public static CassetteFile Rebuild(CassetteFile source)
    {
        var copy = new CassetteFile(source.Layout);
        foreach (var interaction in source.Interactions)
        {
            copy.Add(Of(interaction));
        }

        return copy;
    }

    private static List<string> List(IReadOnlyList<string> values) => values.Select(v => new string(v)).ToList();

    private static Dictionary<string, IReadOnlyList<string>> Map(IReadOnlyDictionary<string, IReadOnlyList<string>> map) =>
        map.ToDictionary(e => new string(e.Key), e => (IReadOnlyList<string>)List(e.Value), StringComparer.Ordinal);
}
