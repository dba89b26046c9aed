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
    private readonly SortedDictionary<long, Slot> _waiting = [];
    private readonly HashSet<ResponseTap> _openResponses = [];
    private long _nextSlot;
    private long _nextToCommit;

    public InteractionRecorder(CassetteFile cassette, RecordingSettings settings)
    {
        Cassette = cassette;
        Settings = settings;
    }

    public CassetteFile Cassette { get; }

    public RecordingSettings Settings { get; }

    /// <summary>How many interactions this recorder has added to the cassette.</summary>
    public int RecordedCount { get; private set; }

    public Slot Reserve()
    {
        lock (_gate)
        {
            var slot = new Slot(_nextSlot++);
            _waiting.Add(slot.Index, slot);
            return slot;
        }
    }

    /// <summary>Applies the recording settings and adds the interaction in its place.</summary>
    /// <exception cref="Exception">Whatever the <see cref="RecordingOptions.BeforeRecord"/> hook throws; the slot is then left out.</exception>
    public void Complete(Slot slot, Interaction interaction)
    {
        Interaction? prepared;
        try
        {
            prepared = Settings.Prepare(interaction);
        }
        catch
        {
            Resolve(slot, null);
            throw;
        }

        Resolve(slot, prepared);
    }

    public void Drop(Slot slot, string? warning)
    {
        Resolve(slot, null);
        if (warning is not null)
        {
            Settings.Warn(warning);
        }
    }

    public void Track(ResponseTap tap)
    {
        lock (_gate)
        {
            _openResponses.Add(tap);
        }
    }

    public void Untrack(ResponseTap tap)
    {
        lock (_gate)
        {
            _openResponses.Remove(tap);
        }
    }

    /// <summary>
    /// Finishes every response still open: the ones nobody reads any more are read to their end
    /// (within the drain timeout) so that they are recorded whole, then returns.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        ResponseTap[] open;
        lock (_gate)
        {
            open = [.. _openResponses];
        }

        foreach (var tap in open)
        {
            tap.Abandon();
        }

        await Task.WhenAll(open.Select(t => t.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
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
            while (_waiting.TryGetValue(_nextToCommit, out var next) && next.Resolved)
            {
                _waiting.Remove(_nextToCommit);
                _nextToCommit++;
                if (next.Interaction is { } ready)
                {
                    // Several recorders may share a cassette; its list is the lock they agree on.
                    lock (Cassette.Interactions)
                    {
                        Cassette.Interactions.Add(ready);
                    }

                    RecordedCount++;
                }
            }
        }
    }

    /// <summary>A request's place in line.</summary>
    internal sealed class Slot(long index)
    {
        public long Index { get; } = index;

        public bool Resolved { get; set; }

        public Interaction? Interaction { get; set; }
    }
}
