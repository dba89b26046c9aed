namespace Cassette;

/// <summary>
/// A request being replayed, as the built-in matchers read it: method, URI and body, the body
/// borrowed from the request's content for the duration of the call. The full
/// <see cref="RecordedRequest"/> (headers, protocol, a copy of the body) is captured only when a
/// header matcher, a custom matcher or a mismatch report needs it.
/// </summary>
internal sealed class LiveRequest
{
    private readonly HttpRequestMessage _message;
    private RecordedRequest? _recorded;

    public LiveRequest(HttpRequestMessage message, Uri uri, ReadOnlyMemory<byte> body)
    {
        _message = message;
        Uri = uri;
        Body = body;
    }

    public string Method => _message.Method.Method;

    /// <summary>The request's absolute URI.</summary>
    public Uri Uri { get; }

    /// <summary>The body, valid only while the request is being handled.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public RecordedRequest Recorded => _recorded ??= RequestCapture.Build(_message, Body.ToArray());
}
