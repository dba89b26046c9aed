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

    // The requests not added or left out yet, oldest first: a place in line is a link at the end.
    private Slot? _oldest;
    private Slot? _newest;

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
        var slot = new Slot();
        lock (_gate)
        {
            if (_newest is null)
            {
                _oldest = slot;
            }
            else
            {
                _newest.Next = slot;
            }

            _newest = slot;
        }

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

    /// <summary>The response body being recorded for a request, for <see cref="FlushAsync"/> to finish.</summary>
    public void Track(Slot slot, ResponseTap tap)
    {
        lock (_gate)
        {
            slot.Tap = tap;
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
            for (var slot = _oldest; slot is not null; slot = slot.Next)
            {
                if (slot is { Resolved: false, Tap: { } tap })
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
            while (_oldest is { Resolved: true } next)
            {
                _oldest = next.Next;
                if (_oldest is null)
                {
                    _newest = null;
                }

                next.Next = null;
                next.Tap = null;
                var ready = next.Interaction;
                next.Interaction = null;
                if (ready is not null)
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

    /// <summary>A request's place in line; its fields are guarded by the recorder's lock.</summary>
    internal sealed class Slot
    {
        public Slot? Next { get; set; }

        public bool Resolved { get; set; }

        public Interaction? Interaction { get; set; }

        public ResponseTap? Tap { get; set; }
    }
}
