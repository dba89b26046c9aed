using System.Reflection;
using System.Runtime.CompilerServices;

namespace Cassette;

/// <summary>
/// One cassette file opened in one <see cref="CassetteMode"/>: gives handlers and
/// <see cref="HttpClient"/>s that replay from it, record into it, or both, and saves it when
/// disposed.
/// </summary>
/// <remarks>
/// <para>
/// <c>await using var session = CassetteSession.Open("fixtures/chat.yaml");</c>, then
/// <c>session.CreateHttpClient()</c>, and at the end of a test that passed,
/// <c>session.VerifyAllPlayed()</c>. The mode comes from <see cref="CassetteSessionOptions.Mode"/>
/// or else the <c>CASSETTE_MODE</c> environment variable, and is replay when neither is set.
/// </para>
/// <para>
/// In the record modes, disposing the session waits for the responses still being recorded,
/// then saves the cassette atomically. A run that failed never replaces a cassette: when the
/// test failed (<see cref="MarkFailed"/>, which the test-framework adapters call) or a request
/// could not be recorded, the cassette is left as it was and what was recorded is written
/// beside it as <c>NAME.partial.yaml</c>, with a warning that names it; when nothing was
/// recorded, the cassette is left as it was. Disposing never throws for unplayed interactions:
/// that check is <see cref="VerifyAllPlayed"/>, made only when the test passed.
/// </para>
/// <para>
/// Every handler from <see cref="CreateHandler"/> shares the session's cassette, so one session
/// can serve several clients, including an <c>IHttpClientFactory</c> that creates handlers as it
/// rotates them.
/// </para>
/// </remarks>
public sealed class CassetteSession : IDisposable, IAsyncDisposable
{
    private readonly InteractionRecorder? _recorder;
    private readonly ReplayingHandler? _replayer;
    private readonly RecordingLock? _lock;
    private readonly Func<HttpRequestMessage, bool>? _passthrough;
    private readonly bool _existed;
    private readonly int _loadedCount;
    private int _markedFailed;
    private int _disposed;

    private CassetteSession(string path, CassetteMode mode, CassetteSessionOptions options)
    {
        Path = path;
        Mode = mode;
        _existed = File.Exists(path);
        if (mode == CassetteMode.Replay && !_existed)
        {
            throw new CassetteNotFoundException(path, mode);
        }

        bool replays = mode is CassetteMode.Replay or CassetteMode.NewEpisodes || (mode == CassetteMode.Once && _existed);
        IsRecording = mode is CassetteMode.Record or CassetteMode.NewEpisodes || (mode == CassetteMode.Once && !_existed);
        _passthrough = Passthrough(options);
        if (IsRecording)
        {
            _lock = RecordingLock.Acquire(path);
        }

        try
        {
            Cassette = replays && _existed
                ? CassetteFile.Load(path)
                : Fresh(_existed ? path : null, options.Layout);
            if (IsRecording && Cassette.Version == 1)
            {
                // Refused now rather than when the session ends: a failure at disposal would
                // replace the test's own outcome.
                throw new CassetteFormatException(path, 0, 0, VersionOneUpgrade.SaveRefused(path));
            }

            if (options.Layout is { } layout)
            {
                Cassette.Layout = layout;
            }

            if (replays)
            {
                _replayer = new ReplayingHandler(Cassette, options.Replay ?? new ReplayOptions());
            }

            _loadedCount = Cassette.Interactions.Count;
            if (IsRecording)
            {
                _recorder = new InteractionRecorder(Cassette, new RecordingSettings(options.Recording ?? new RecordingOptions()));
            }
        }
        catch
        {
            _replayer?.Dispose();
            _lock?.Dispose();
            throw;
        }
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
    /// <param name="path">
    /// The cassette file; folders are created when it is saved. A relative path is taken from the
    /// folder of the test project that calls this method (see <see cref="CassettePath.Resolve"/>).
    /// </param>
    /// <param name="options">The mode, recording, matching and passthrough; <see langword="null"/> for the defaults.</param>
    /// <exception cref="CassetteNotFoundException">The mode is replay and the file does not exist.</exception>
    /// <exception cref="CassetteFormatException">
    /// The file exists but is not a valid cassette, or the mode adds to it and it is a
    /// <c>version: 1</c> cassette (<c>cassette format --write --upgrade</c> converts it).
    /// </exception>
    /// <exception cref="InvalidOperationException"><c>CASSETTE_MODE</c> holds an unknown value.</exception>
    /// <exception cref="CassetteInUseException">The mode records and another session is recording the same file.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CassetteSession Open(string path, CassetteSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CassetteSessionOptions();
        var mode = options.Mode ?? CassetteModeExtensions.FromEnvironment();
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentException($"CassetteSessionOptions.Mode is {mode}, which is not a CassetteMode value.", nameof(options));
        }

        return new CassetteSession(CassettePath.Resolve(path, Assembly.GetCallingAssembly()), mode, options);
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
            _ when _recorder is not null => new RecordingHandler(_recorder, _replayer, _passthrough),
            _ => new ReplayFromCassetteHandler(_replayer!, _passthrough),
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
        if (innerHandler is not null || Mode == CassetteMode.Passthrough || IsRecording || _passthrough is not null)
        {
            handler.InnerHandler = innerHandler ?? new SocketsHttpHandler();
        }

        return new HttpClient(handler);
    }

    /// <summary>
    /// Throws when recorded interactions were never replayed, listing them. Call it at the end of
    /// a test that passed (the test-framework adapters do); it checks nothing in the modes that
    /// replay nothing.
    /// </summary>
    /// <exception cref="CassetteUnplayedException">Some recorded interactions were not replayed.</exception>
    public void VerifyAllPlayed() => _replayer?.VerifyAllPlayed();

    /// <summary>
    /// Tells the session that the test failed: when it is disposed in a record mode, the
    /// cassette is left as it was and what was recorded is written beside it as
    /// <c>NAME.partial.yaml</c>. The test-framework adapters call it for a test that failed.
    /// </summary>
    public void MarkFailed() => Interlocked.Exchange(ref _markedFailed, 1);

    /// <summary>
    /// Ends the session. In the record modes it waits for the responses still being recorded
    /// (reading to the end those nobody reads any more), then saves the cassette, or, after a
    /// failed run, writes what was recorded beside it (see the remarks of <see cref="CassetteSession"/>).
    /// Never throws for unplayed interactions.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_recorder is not null)
            {
                await _recorder.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                Save();
            }
        }
        finally
        {
            _replayer?.Dispose();
            _lock?.Dispose();
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() =>
        // The responses still being recorded are finished on the thread pool, never on the
        // caller's context, so waiting for them here cannot deadlock.
        DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Called once, with the recording lock held: no one else is saving this cassette.
    private void Save()
    {
        var recorder = _recorder!;
        string partial = CassettePath.Partial(Path);
        var failures = recorder.Failures();
        string? failure = _markedFailed != 0 ? "The test failed"
            : failures.Count > 0 ? $"{Plural(failures.Count, "request")} could not be recorded (the first: {failures[0]})"
            : null;
        if (failure is not null)
        {
            if (recorder.RecordedCount == 0)
            {
                recorder.Settings.Warn($"{failure}, and nothing was recorded: {Kept()}.");
                return;
            }

            RemoveSecretsFromLoadedInteractions();
            Cassette.Save(partial);
            AtomicFile.DeleteLeftovers(partial);
            recorder.Settings.Warn(
                $"{failure}, so {Kept()}; what was recorded ({Plural(recorder.RecordedCount, "interaction")}) is in \"{partial}\". " +
                "Fix the failure and record again, or look at that file and rename it over the cassette to keep it.");
            return;
        }

        if (recorder.RecordedCount == 0 && (_existed || Mode == CassetteMode.NewEpisodes))
        {
            if (_existed && Mode == CassetteMode.Record)
            {
                recorder.Settings.Warn($"Nothing was recorded, so {Kept()}. Delete it if the test no longer sends requests.");
            }

            return;
        }

        RemoveSecretsFromLoadedInteractions();
        Cassette.Save(Path);
        AtomicFile.DeleteLeftovers(Path);
        File.Delete(partial);
    }

    private string Kept() => _existed ? $"\"{Path}\" was left as it was" : $"no cassette was written at \"{Path}\"";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>
    /// New-episodes mode saves the old interactions with the new ones: an old cassette recorded
    /// without Cassette's filters must not carry its credentials into the rewritten file.
    /// </summary>
    private void RemoveSecretsFromLoadedInteractions()
    {
        if (_loadedCount == 0)
        {
            return;
        }

        var settings = _recorder!.Settings;
        var interactions = Cassette.Interactions.ToArray();
        bool changed = false;
        for (int i = 0; i < _loadedCount; i++)
        {
            var cleaned = settings.RemoveSecrets(interactions[i], out var removed);
            if (!ReferenceEquals(cleaned, interactions[i]))
            {
                interactions[i] = cleaned;
                changed = true;
                settings.Warn($"Interaction {i} of \"{Path}\" held {string.Join(", ", removed)}, which the recording options remove; they were removed on save.");
            }
        }

        if (changed)
        {
            Cassette.Interactions = interactions;
        }
    }

    private static Func<HttpRequestMessage, bool>? Passthrough(CassetteSessionOptions options)
    {
        var hosts = options.PassthroughHosts.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var when = options.PassthroughWhen;
        if (hosts.Count == 0)
        {
            return when;
        }

        return request => (request.RequestUri is { IsAbsoluteUri: true } uri && hosts.Contains(uri.Host)) || (when?.Invoke(request) ?? false);
    }

    /// <summary>
    /// The cassette a recording starts from: empty, in the layout and dialect of the file it
    /// replaces, and ending with that file's documents after the cassette, which belong to
    /// someone else.
    /// </summary>
    private static CassetteFile Fresh(string? existingPath, CassetteLayout? layout)
    {
        CassetteFile? previous = null;
        if (existingPath is not null)
        {
            try
            {
                previous = CassetteFile.Load(existingPath);
            }
            catch (CassetteFormatException)
            {
                // A broken old cassette is about to be replaced; its layout and dialect do not matter.
            }
        }

        return new CassetteFile(layout ?? previous?.Layout ?? CassetteLayout.Compact4)
        {
            Dialect = previous?.Dialect ?? CassetteDialect.OmitEmpty,
            Trailing = previous?.Trailing,
        };
    }
}
