namespace Cassette;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers requests from a cassette, never from the
/// network: each request is matched to a recorded interaction and gets its recorded response,
/// streamed bodies event by event (<c>text/event-stream</c>) or line by line
/// (<c>application/x-ndjson</c>). Plug it into an
/// <see cref="HttpClient"/>: <c>new HttpClient(new ReplayingHandler(CassetteFile.Load(path)))</c>.
/// </summary>
/// <remarks>
/// <para>
/// A request matches an interaction when its method, URL and body match (see
/// <see cref="ReplayOptions"/>). Each interaction is played once, and the first unplayed match in
/// file order wins, as in go-vcr. A request that matches nothing throws a
/// <see cref="CassetteMismatchException"/> that explains the nearest miss.
/// </para>
/// <para>
/// Both <see cref="HttpClient.SendAsync(HttpRequestMessage)"/> and the synchronous
/// <see cref="HttpClient.Send(HttpRequestMessage)"/> are served. The handler is safe to share
/// across threads. It works on a snapshot of the cassette's interactions taken when it is created.
/// </para>
/// </remarks>
public sealed class ReplayingHandler : HttpMessageHandler
{
    private readonly InteractionIndex _index;
    private readonly PreparedResponse[] _responses;
    private readonly string? _cassettePath;
    private readonly ReplayPacing _pacing;
    private readonly double _pacingScale;
    private readonly TimeProvider _clock;

    /// <summary>Creates a handler that replays <paramref name="cassette"/>.</summary>
    /// <param name="cassette">The cassette; its interactions are copied, so later changes to it do not matter.</param>
    /// <param name="options">How to match and play; <see langword="null"/> for the defaults. The values are copied.</param>
    /// <exception cref="ArgumentException">An option is invalid, such as a negative pacing scale or two body matchers.</exception>
    public ReplayingHandler(CassetteFile cassette, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        options ??= new ReplayOptions();
        ValidateOptions(options);

        IReadOnlyList<Interaction> interactions = cassette.Interactions;
        if (options.BeforeReplay is { } beforeReplay)
        {
            interactions = [.. interactions.Select((interaction, i) => beforeReplay(interaction) ?? throw new InvalidOperationException(
                $"ReplayOptions.BeforeReplay returned null for interaction {i}. Return the interaction to replay (the one it was given, if nothing changes)."))];
        }

        // What a recorder redacted is no longer in the cassette, so it cannot be matched on.
        var redacted = RedactedValues.In(interactions);
        var builtIn = new List<CanonicalMatcher>();
        var custom = new List<IRequestMatcher>();
        foreach (var matcher in options.Matchers)
        {
            switch (matcher)
            {
                case UrlMatcher url:
                    builtIn.Add(url.Ignoring(redacted.QueryParameters));
                    break;
                case BodyMatcher body:
                    builtIn.Add(body.Ignoring(redacted.JsonPaths));
                    break;
                case CanonicalMatcher other:
                    builtIn.Add(other);
                    break;
                default:
                    custom.Add(matcher);
                    break;
            }
        }

        _index = new InteractionIndex([.. interactions], builtIn, custom, options.AllowRepeats);
        _responses = [.. interactions.Select(i => new PreparedResponse(i.Response))];
        _cassettePath = cassette.Path;
        _pacing = options.Pacing;
        _pacingScale = options.PacingScale;
        _clock = options.TimeProvider;
    }

    /// <summary>The interactions that have not been played yet, in file order.</summary>
    public IReadOnlyList<Interaction> UnplayedInteractions => _index.Unplayed().Select(i => _index.Interactions[i]).ToList();

    /// <summary>
    /// Throws when some recorded interactions were never played: call it at the end of a test
    /// whose code should have sent every recorded request.
    /// </summary>
    /// <exception cref="CassetteUnplayedException">An interaction was not played; the message lists them all.</exception>
    public void VerifyAllPlayed()
    {
        var unplayed = _index.Unplayed();
        if (unplayed.Count > 0)
        {
            throw new CassetteUnplayedException(
                MismatchReport.Unplayed(_index.Interactions, unplayed, _cassettePath), unplayed, _cassettePath);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="CassetteMismatchException">No unplayed recorded interaction matches the request.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (await PlayAsync(request, orNull: false, cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc/>
    /// <exception cref="CassetteMismatchException">No unplayed recorded interaction matches the request.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Play(request, orNull: false, cancellationToken)!;

    /// <summary>
    /// Replays the request as <see cref="SendAsync"/> does when an unplayed interaction matches it;
    /// otherwise completes with <see langword="null"/>, without building a mismatch report (new-episodes
    /// mode then sends the request to the network, which can read its body again).
    /// </summary>
    internal Task<HttpResponseMessage?> TryPlayAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        PlayAsync(request, orNull: true, cancellationToken);

    /// <summary>The synchronous <see cref="TryPlayAsync"/>.</summary>
    internal HttpResponseMessage? TryPlay(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Play(request, orNull: true, cancellationToken);

    private async Task<HttpResponseMessage?> PlayAsync(HttpRequestMessage request, bool orNull, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] body = await RequestCapture.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        int index = Find(new LiveRequest(request, body), orNull);
        if (index < 0)
        {
            return null;
        }

        await Pacing.DelayAsync(DelayBeforeResponse(index), _clock, cancellationToken).ConfigureAwait(false);
        return CreateResponse(request, index, cancellationToken);
    }

    private HttpResponseMessage? Play(HttpRequestMessage request, bool orNull, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        int index = Find(new LiveRequest(request, RequestCapture.ReadBody(request, cancellationToken)), orNull);
        if (index < 0)
        {
            return null;
        }

        Pacing.Delay(DelayBeforeResponse(index), _clock, cancellationToken);
        return CreateResponse(request, index, cancellationToken);
    }

    // The claimed interaction's index; -1 when none matches and orNull is set, else a mismatch report.
    private int Find(LiveRequest request, bool orNull)
    {
        int index = _index.Claim(request);
        if (index >= 0 || orNull)
        {
            return index;
        }

        var captured = request.Recorded;
        string[] parts = _index.Canonicalize(captured);
        throw new CassetteMismatchException(MismatchReport.NoMatch(_index, captured, parts, _cassettePath), captured, _cassettePath);
    }

    private TimeSpan DelayBeforeResponse(int index)
    {
        if (_pacing == ReplayPacing.None)
        {
            return TimeSpan.Zero;
        }

        var duration = _index.Interactions[index].Response.Duration.ToTimeSpan();
        bool streamed = _responses[index].EventEnds is not null;
        return _pacing == ReplayPacing.BeforeResponse || (_pacing == ReplayPacing.SpreadOverEvents && !streamed)
            ? Pacing.Scale(duration, _pacingScale)
            : TimeSpan.Zero;
    }

    private HttpResponseMessage CreateResponse(HttpRequestMessage request, int index, CancellationToken cancellationToken)
    {
        var prepared = _responses[index];
        int[]? events = prepared.EventEnds;
        var perEvent = _pacing == ReplayPacing.SpreadOverEvents && events is not null
            ? Pacing.Scale(prepared.Recorded.Duration.ToTimeSpan(), _pacingScale / events.Length)
            : TimeSpan.Zero;
        return prepared.Create(request, perEvent, _clock, cancellationToken);
    }

    private static void ValidateOptions(ReplayOptions options)
    {
        if (!double.IsFinite(options.PacingScale) || options.PacingScale < 0)
        {
            throw new ArgumentException(
                $"ReplayOptions.PacingScale is {options.PacingScale}; it must be a finite number of 0 or more (1 replays at the recorded pace).",
                nameof(options));
        }

        if (!Enum.IsDefined(options.Pacing))
        {
            throw new ArgumentException($"ReplayOptions.Pacing is {options.Pacing}, which is not a ReplayPacing value.", nameof(options));
        }

        if (options.TimeProvider is null)
        {
            throw new ArgumentException("ReplayOptions.TimeProvider is null. Leave it at TimeProvider.System or pass a fake clock.", nameof(options));
        }

        if (options.Matchers is null || options.Matchers.Any(m => m is null))
        {
            throw new ArgumentException("ReplayOptions.Matchers is null or holds a null matcher. Compose it from RequestMatchers.", nameof(options));
        }

        foreach (var kind in options.Matchers.OfType<CanonicalMatcher>().Where(m => m is not HeaderMatcher).GroupBy(m => m.GetType()))
        {
            if (kind.Count() > 1)
            {
                throw new ArgumentException(
                    $"ReplayOptions.Matchers holds {kind.Count()} matchers of one kind ({string.Join(", ", kind.Select(m => $"\"{m}\""))}), " +
                    "so the strictest of them decides. Assign the whole list instead of adding to the default one, for example " +
                    "Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body(\"$.stream_options\")].",
                    nameof(options));
            }
        }
    }
}
