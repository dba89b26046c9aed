namespace Cassette;

/// <summary>
/// One cassette file opened in one <see cref="CassetteMode"/>: gives handlers and
/// <see cref="HttpClient"/>s that replay from it, record into it, or both, and saves it when
/// disposed.
/// </summary>
/// <remarks>
/// <para>
/// <c>await using var session = CassetteSession.Open("fixtures/chat.yaml");</c> then
/// <c>session.CreateHttpClient()</c>. The mode comes from <see cref="CassetteSessionOptions.Mode"/>
/// or else the <c>CASSETTE_MODE</c> environment variable, and is replay when neither is set.
/// </para>
/// <para>
/// In the record modes, disposing the session waits for the responses still being recorded,
/// then saves the cassette atomically; put the session in a <c>using</c> so that what was
/// recorded is saved even when a test fails halfway. Every handler from
/// <see cref="CreateHandler"/> shares the session's cassette, so one session can serve several
/// clients, including an <c>IHttpClientFactory</c> that creates handlers as it rotates them.
/// </para>
/// </remarks>
public sealed class CassetteSession : IDisposable, IAsyncDisposable
{
    private readonly InteractionRecorder? _recorder;
    private readonly ReplayingHandler? _replayer;
    private readonly bool _failOnUnplayed;
    private readonly bool _saveEvenIfUnchanged;
    private readonly RecordingLock? _lock;
    private readonly int _loadedCount;
    private int _disposed;

    private CassetteSession(string path, CassetteMode mode, CassetteSessionOptions options)
    {
        Path = path;
        Mode = mode;
        bool exists = File.Exists(path);
        if (mode == CassetteMode.Replay && !exists)
        {
            throw new CassetteNotFoundException(path, mode);
        }

        bool replays = mode is CassetteMode.Replay or CassetteMode.NewEpisodes || (mode == CassetteMode.Once && exists);
        IsRecording = mode is CassetteMode.Record or CassetteMode.NewEpisodes || (mode == CassetteMode.Once && !exists);
        _saveEvenIfUnchanged = mode is CassetteMode.Record or CassetteMode.Once;
        _failOnUnplayed = options.FailOnUnplayedInteractions;
        if (IsRecording)
        {
            _lock = RecordingLock.Acquire(path);
        }

        try
        {
            Cassette = Load(path, exists, replays, options, out _replayer);
        }
        catch
        {
            _lock?.Dispose();
            throw;
        }

        _loadedCount = Cassette.Interactions.Count;
        if (IsRecording)
        {
            _recorder = new InteractionRecorder(Cassette, new RecordingSettings(options.Recording ?? new RecordingOptions()));
        }
    }

    private static CassetteFile Load(string path, bool exists, bool replays, CassetteSessionOptions options, out ReplayingHandler? replayer)
    {
        replayer = null;

        var cassette = replays && exists
            ? CassetteFile.Load(path)
            : new CassetteFile(options.Layout ?? LayoutOf(exists ? path : null));
        if (options.Layout is { } layout)
        {
            cassette.Layout = layout;
        }

        if (replays)
        {
            var source = cassette;
            if (options.BeforeReplay is { } beforeReplay)
            {
                source = cassette.WithInteractions(beforeReplay);
            }

            replayer = new ReplayingHandler(source, MatchingOptions(options));
        }

        return cassette;
    }

    /// <summary>The full path of the cassette file.</summary>
    public string Path { get; }

    /// <summary>The mode the session was opened in.</summary>
    public CassetteMode Mode { get; }

    /// <summary>
    /// Whether requests may reach the network and be recorded: record and new-episodes modes,
    /// and once mode when the cassette did not exist.
    /// </summary>
    public bool IsRecording { get; }

    /// <summary>The cassette: the loaded file, with the interactions recorded so far added at the end.</summary>
    public CassetteFile Cassette { get; }

    /// <summary>The recorded interactions not replayed yet, in file order; empty when nothing is replayed.</summary>
    public IReadOnlyList<Interaction> UnplayedInteractions => _replayer?.UnplayedInteractions ?? [];

    /// <summary>
    /// Opens a cassette file in the mode that <paramref name="options"/> or <c>CASSETTE_MODE</c> asks for.
    /// </summary>
    /// <param name="path">The cassette file; folders are created when it is saved.</param>
    /// <param name="options">The mode, recording, matching and end-of-session checks; <see langword="null"/> for the defaults.</param>
    /// <exception cref="CassetteNotFoundException">The mode is replay and the file does not exist.</exception>
    /// <exception cref="CassetteFormatException">The file exists but is not a valid cassette.</exception>
    /// <exception cref="InvalidOperationException"><c>CASSETTE_MODE</c> holds an unknown value.</exception>
    /// <exception cref="CassetteInUseException">The mode records and another session is recording the same file.</exception>
    public static CassetteSession Open(string path, CassetteSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CassetteSessionOptions();
        var mode = options.Mode ?? CassetteModeExtensions.FromEnvironment();
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentException($"CassetteSessionOptions.Mode is {mode}, which is not a CassetteMode value.", nameof(options));
        }

        return new CassetteSession(System.IO.Path.GetFullPath(path), mode, options);
    }

    /// <summary>
    /// A new handler for the session's mode, to put in an <see cref="HttpClient"/> pipeline: it
    /// replays from the cassette, or records into it while sending requests on to its
    /// <see cref="DelegatingHandler.InnerHandler"/>, or only sends them on. Each call gives a new
    /// instance, as <c>IHttpClientFactory</c> needs; all of them share the cassette.
    /// </summary>
    public DelegatingHandler CreateHandler()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Mode switch
        {
            CassetteMode.Passthrough => new PassthroughHandler(),
            _ when _recorder is not null => new RecordingHandler(_recorder, _replayer),
            _ => new ReplayFromCassetteHandler(_replayer!),
        };
    }

    /// <summary>
    /// A new <see cref="HttpClient"/> for the session's mode. Requests that go to the network are
    /// sent through <paramref name="innerHandler"/>, or a new <see cref="SocketsHttpHandler"/>.
    /// </summary>
    /// <param name="innerHandler">The handler that reaches the network; the client disposes it.</param>
    public HttpClient CreateHttpClient(HttpMessageHandler? innerHandler = null)
    {
        var handler = CreateHandler();
        if (innerHandler is not null || Mode == CassetteMode.Passthrough || IsRecording)
        {
            handler.InnerHandler = innerHandler ?? new SocketsHttpHandler();
        }

        return new HttpClient(handler);
    }

    /// <summary>
    /// Waits for the responses still being recorded (reading to the end those nobody reads any
    /// more), then saves the cassette if the session records. Disposing the session does this too.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        if (_recorder is null)
        {
            return;
        }

        await _recorder.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_saveEvenIfUnchanged || _recorder.RecordedCount > 0)
        {
            lock (Cassette.Interactions)
            {
                RemoveSecretsFromLoadedInteractions();
                Cassette.Save(Path);

                // The session holds the recording lock: no one else is saving this cassette.
                AtomicFile.DeleteLeftovers(Path);
            }
        }
    }

    /// <summary>
    /// Saves the cassette in the record modes (see <see cref="SaveAsync"/>), then, if
    /// <see cref="CassetteSessionOptions.FailOnUnplayedInteractions"/> is set, throws when some
    /// recorded interactions were never replayed.
    /// </summary>
    /// <exception cref="CassetteUnplayedException">Interactions were not replayed and the options ask to fail.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await SaveAsync().ConfigureAwait(false);
        }
        finally
        {
            _replayer?.Dispose();
            _lock?.Dispose();
        }

        CheckUnplayed();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => Close(checkUnplayed: true);

    /// <summary>Disposes the session: saves it, and checks for unplayed interactions only when asked.</summary>
    internal void Close(bool checkUnplayed)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // The responses still being recorded are finished on the thread pool, never on
            // the caller's context, so waiting for them here cannot deadlock.
            SaveAsync().GetAwaiter().GetResult();
        }
        finally
        {
            _replayer?.Dispose();
            _lock?.Dispose();
        }

        if (checkUnplayed)
        {
            CheckUnplayed();
        }
    }

    /// <summary>
    /// New-episodes mode saves the old interactions with the new ones: an old cassette recorded
    /// without Cassette's filters must not carry its credentials into the rewritten file.
    /// </summary>
    private void RemoveSecretsFromLoadedInteractions()
    {
        var settings = _recorder!.Settings;
        for (int i = 0; i < _loadedCount; i++)
        {
            var interaction = Cassette.Interactions[i];
            var cleaned = settings.RemoveSecrets(interaction, out var removed);
            if (!ReferenceEquals(cleaned, interaction))
            {
                Cassette.Interactions[i] = cleaned;
                settings.Warn($"Interaction {i} of \"{Path}\" held {string.Join(", ", removed)}, which the recording options remove; they were removed on save.");
            }
        }
    }

    private void CheckUnplayed()
    {
        if (_failOnUnplayed)
        {
            _replayer?.AssertAllPlayed();
        }
    }

    private static CassetteLayout LayoutOf(string? existingPath)
    {
        if (existingPath is not null)
        {
            try
            {
                return CassetteFile.Load(existingPath).Layout;
            }
            catch (CassetteFormatException)
            {
                // A broken old cassette is about to be replaced; its layout does not matter.
            }
        }

        return CassetteLayout.Compact4;
    }

    private static ReplayOptions MatchingOptions(CassetteSessionOptions options)
    {
        var copy = (options.Replay ?? new ReplayOptions()).Clone();

        // What the recorder redacted is no longer in the cassette, so it cannot be matched on.
        var recording = options.Recording ?? new RecordingOptions();
        foreach (string parameter in recording.RedactQueryParameters.Except(copy.IgnoredQueryParameters, StringComparer.Ordinal).ToList())
        {
            copy.IgnoredQueryParameters.Add(parameter);
        }

        foreach (string path in recording.ReplaceBodyFields.Keys.Except(copy.IgnoredJsonPaths, StringComparer.Ordinal).ToList())
        {
            copy.IgnoredJsonPaths.Add(path);
        }

        return copy;
    }
}
