namespace Cassette.Tests.Support;

/// <summary>
/// A clock that moves only when told to, counting whole nanoseconds so that a Go duration
/// such as 1.230852709s can be measured exactly. Timers fire inside <see cref="Advance(long)"/>,
/// in due order; <see cref="WaitForTimersAsync"/> lets a test wait until code under test has
/// started waiting, instead of sleeping.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private long _nanoseconds = 1_000_000_000;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _nanoseconds;
        }
    }

    public override DateTimeOffset GetUtcNow() =>
        new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp() / 100);

    /// <summary>How many timers wait to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>The due times of the pending timers, relative to now, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            lock (_gate)
            {
                return _timers.Select(t => TimeSpan.FromTicks((t.DueAt - _nanoseconds) / 100)).Order().ToList();
            }
        }
    }

    public void Advance(GoDuration by) => Advance(by.Nanoseconds);

    public void Advance(TimeSpan by) => Advance(by.Ticks * 100);

    /// <summary>Moves the clock on and fires, in due order, every timer that is due.</summary>
    public void Advance(long nanoseconds)
    {
        ManualTimer[] due;
        lock (_gate)
        {
            _nanoseconds += nanoseconds;
            due = _timers.Where(t => t.DueAt <= _nanoseconds).OrderBy(t => t.DueAt).ToArray();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }

            Signal();
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> timers are pending.</summary>
    public async Task WaitForTimersAsync(int count = 1)
    {
        // A guard against a test that would otherwise hang forever, not a timing assumption.
        var deadline = Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_timers.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (await Task.WhenAny(changed, deadline) == deadline)
            {
                throw new TimeoutException($"Expected {count} pending timer(s); {PendingTimers} after 30 s.");
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    // Called with the lock held.
    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock._nanoseconds + dueTime.Ticks * 100;
                    clock._timers.Add(this);
                }

                clock.Signal();
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                if (clock._timers.Remove(this))
                {
                    clock.Signal();
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
