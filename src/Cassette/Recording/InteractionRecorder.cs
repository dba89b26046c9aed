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

    // The places in line not added yet, oldest first.
    private readonly Queue<Slot> _line = new();

    // Interactions added since the last flush, to scan for credentials before they are saved.
    private readonly List<Interaction> _unscanned = [];

    // What failed, each with the token of the client's read or request it failed in.
    private readonly List<(string What, CancellationToken ClientToken)> _failures = [];

    public InteractionRecorder(CassetteFile cassette, RecordingSettings settings)
    {
        Cassette = cassette;
        Settings = settings;
    }

    public CassetteFile Cassette { get; }

    public RecordingSettings Settings { get; }

    /// <summary>How many interactions this recorder has added to the cassette.</summary>
    public int RecordedCount { get; private set; }

    /// <summary>
    /// What went wrong with each request that could not be recorded because the upstream or the
    /// recording failed, leaving out those the client cancelled, then or since: a client that
    /// cancels a request after its read failed (an MCP client closing its event stream as the
    /// server ends it) let go of it, so nothing it did depends on it.
    /// </summary>
    public IReadOnlyList<string> Failures()
    {
        lock (_gate)
        {
            return [.. _failures.Where(f => !f.ClientToken.IsCancellationRequested).Select(f => f.What)];
        }
    }

    /// <summary>Takes a place in line for a request about to be sent.</summary>
    public Slot Reserve()
    {
        var slot = new Slot();
        lock (_gate)
        {
            _line.Enqueue(slot);
        }

        return slot;
    }

    /// <summary>Notes the response body being recorded for a request, for <see cref="FlushAsync"/> to finish.</summary>
    public void Track(Slot slot, ResponseTap tap)
    {
        lock (_gate)
        {
            slot.Tap = tap;
        }
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
    /// <param name="clientToken">The token of the client's request or read the failure happened in.</param>
    public void Drop(Slot slot, string? warning, string? failure = null, CancellationToken clientToken = default)
    {
        Resolve(slot, null);
        if (failure is not null)
        {
            lock (_gate)
            {
                _failures.Add((failure, clientToken));
            }
        }

        if (warning is not null)
        {
            Settings.Warn(warning);
        }
    }

    /// <summary>
    /// Finishes every response still open: the ones nobody reads any more are read to their end
    /// (within the drain timeout) so that they are recorded whole, then warns about credentials in
    /// what was added since the last flush.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        ResponseTap[] open;
        lock (_gate)
        {
            open = [.. _line.Where(s => !s.Resolved && s.Tap is not null).Select(s => s.Tap!)];
        }

        foreach (var tap in open)
        {
            tap.Abandon();
        }

        await Task.WhenAll(open.Select(t => t.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        WarnAboutSecrets();
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
            while (_line.TryPeek(out var oldest) && oldest.Resolved)
            {
                _line.Dequeue();
                if (oldest.Interaction is { } ready)
                {
                    Cassette.Add(ready);
                    _unscanned.Add(ready);
                    RecordedCount++;
                }
            }
        }
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

    /// <summary>A request's place in line; its fields are guarded by the recorder's lock.</summary>
    internal sealed class Slot
    {
        public bool Resolved { get; set; }

        public Interaction? Interaction { get; set; }

        public ResponseTap? Tap { get; set; }
    }
}
