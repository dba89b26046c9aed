namespace Cassette;

/// <summary>
/// Collects the interactions of one or more recording handlers into one cassette. Each request
/// takes a place in line when it is sent; an interaction joins the cassette once every request
/// sent before it is recorded or left out, so ids follow the order the requests were sent,
/// whatever order their responses finish in.
/// </summary>
internal sealed class InteractionRecorder
{
    private readonly object _gate = new();

    // Interactions added since the last flush, to scan for credentials before they are saved.
    private readonly List<Interaction> _unscanned = [];

    // The places in line, oldest first. A request takes its place with one atomic exchange, on
    // the way to sending it, without the lock (Vyukov's intrusive multi-producer queue); the
    // lock holder walks from _oldest, which is always either the first place not added yet or
    // the last one added, kept so that the next place has a link to hang on.
    private Slot _oldest;
    private Slot _newest;

    public InteractionRecorder(CassetteFile cassette, RecordingSettings settings)
    {
        Cassette = cassette;
        Settings = settings;
        _oldest = _newest = new Slot { Resolved = true, Added = true };
    }

    public CassetteFile Cassette { get; }

    public RecordingSettings Settings { get; }

    /// <summary>The buffers response bodies are collected in.</summary>
    public BodyBuffers Buffers { get; } = new();

    /// <summary>How many interactions this recorder has added to the cassette.</summary>
    public int RecordedCount { get; private set; }

    /// <summary>How many requests could not be recorded because the upstream or the recording failed (not because the client cancelled).</summary>
    public int FailureCount { get; private set; }

    /// <summary>What went wrong with the first request that could not be recorded, if any.</summary>
    public string? FirstFailure { get; private set; }

    public Slot Reserve()
    {
        var slot = new Slot();
        var previous = Interlocked.Exchange(ref _newest, slot);
        Volatile.Write(ref previous.Next, slot);
        return slot;
    }

    /// <summary>Applies the recording settings and adds the interaction in its place.</summary>
    /// <exception cref="Exception">Whatever the <see cref="RecordingOptions.BeforeRecord"/> hook throws; the slot is then left out.</exception>
    public void Complete(Slot slot, PendingInteraction interaction, ReadOnlyMemory<byte> body)
    {
        Interaction? prepared;
        try
        {
            prepared = interaction.Complete(body);
        }
        catch (Exception e)
        {
            Drop(slot, warning: null, failure: $"recording {interaction.Request} failed: {e.GetType().Name}: {e.Message}");
            throw;
        }

        Resolve(slot, prepared);
    }

    /// <summary>Leaves a request out of the cassette, with a warning when there is one.</summary>
    /// <param name="slot">The request's place in line.</param>
    /// <param name="warning">What to tell the user, if anything.</param>
    /// <param name="failure">What failed, when the request is left out because the upstream or the recording failed.</param>
    public void Drop(Slot slot, string? warning, string? failure = null)
    {
        Resolve(slot, null);
        if (failure is not null)
        {
            lock (_gate)
            {
                FailureCount++;
                FirstFailure ??= failure;
            }
        }

        if (warning is not null)
        {
            Settings.Warn(warning);
        }
    }

    /// <summary>
    /// Finishes every response still open: the ones nobody reads any more are read to their end
    /// (within the drain timeout) so that they are recorded whole, then returns.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var open = new List<ResponseTap>();
        lock (_gate)
        {
            for (Slot? slot = _oldest; slot is not null; slot = Volatile.Read(ref slot.Next))
            {
                if (!slot.Resolved && Volatile.Read(ref slot.Tap) is { } tap)
                {
                    open.Add(tap);
                }
            }
        }

        foreach (var tap in open)
        {
            tap.Abandon();
        }

        await Task.WhenAll(open.Select(t => t.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        WarnAboutSecrets();
    }

    // Scanned here, before the cassette is saved, rather than on the way to the client.
    private void WarnAboutSecrets()
    {
        Interaction[] added;
        lock (_gate)
        {
            added = [.. _unscanned];
            _unscanned.Clear();
        }

        foreach (var interaction in added)
        {
            var findings = SecretScanner.Scan(interaction).ToList();
            if (findings.Count > 0)
            {
                Settings.Warn(
                    $"The interaction {interaction.Request.Method} {interaction.Request.Url} holds what looks like a credential " +
                    $"({string.Join("; ", findings.Select(f => $"{f.Shown} in {f.Where}"))}), and will be saved with the cassette. " +
                    "Leave it out with RecordingOptions: RemovedHeaders for a header, RedactedQueryParameters for a URL or form value, " +
                    "RedactedJsonPaths for a JSON value, or BeforeRecord for anything else.");
            }
        }
    }

    private void Resolve(Slot slot, Interaction? interaction)
    {
        lock (_gate)
        {
            if (slot.Resolved)
            {
                return;
            }

            slot.Resolved = true;
            slot.Interaction = interaction;
            var place = _oldest;
            while (true)
            {
                if (!place.Added)
                {
                    if (!place.Resolved)
                    {
                        break;
                    }

                    Add(place);
                }

                // A place whose link is not written yet was taken after every place before it
                // resolved; it is reached on the next walk.
                var next = Volatile.Read(ref place.Next);
                if (next is null)
                {
                    break;
                }

                _oldest = place = next;
            }
        }
    }

    // Called with the lock held.
    private void Add(Slot place)
    {
        place.Added = true;
        Volatile.Write(ref place.Tap, null);
        var ready = place.Interaction;
        place.Interaction = null;
        if (ready is not null)
        {
            Cassette.Add(ready);
            _unscanned.Add(ready);
            RecordedCount++;
        }
    }

    /// <summary>
    /// A request's place in line. <see cref="Next"/> and <see cref="Tap"/> are written without the
    /// recorder's lock (volatile); the other fields are guarded by it.
    /// </summary>
    internal sealed class Slot
    {
        // Fields, not properties: they are written with Volatile and Interlocked.
#pragma warning disable CA1051
        public Slot? Next;
        public ResponseTap? Tap;
#pragma warning restore CA1051

        public bool Resolved { get; set; }

        public bool Added { get; set; }

        /// <summary>Notes the response body being recorded for this request, for <see cref="FlushAsync"/> to finish.</summary>
        public void Track(ResponseTap tap) => Volatile.Write(ref Tap, tap);

        public Interaction? Interaction { get; set; }
    }
}
