namespace Cassette;

/// <summary>
/// A request being replayed, as the built-in matchers read it: method, URI and body. The full
/// <see cref="RecordedRequest"/> (headers, protocol, form) is captured only when a header
/// matcher, a custom matcher or a mismatch report needs it.
/// </summary>
internal sealed class LiveRequest
{
    private readonly HttpRequestMessage _message;
    private RecordedRequest? _recorded;

    public LiveRequest(HttpRequestMessage message, byte[] body)
    {
        _message = message;
        Uri = CapturedRequest.AbsoluteUri(message);
        Body = body;
    }

    public string Method => _message.Method.Method;

    /// <summary>The request's absolute URI.</summary>
    public Uri Uri { get; }

    public byte[] Body { get; }

    public string? ContentType => _message.Content?.Headers.ContentType?.ToString();

    public RecordedRequest Recorded => _recorded ??= CapturedRequest.Take(_message, Body).ToRecorded();
}
