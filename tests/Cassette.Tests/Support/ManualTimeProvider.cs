namespace Cassette.Tests.Support;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>. Timers fire inside
/// <see cref="Advance"/>; <see cref="WaitForTimersAsync"/> lets a test wait until code under test
/// has started waiting, instead of sleeping.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2025, 9, 24, 7, 20, 31, TimeSpan.Zero);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Timers created and not yet fired or disposed.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>The due times of the pending timers, relative to now.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            lock (_lock)
            {
                return _timers.Select(t => t.Due - _now).Order().ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            timer.Due = _now + dueTime;
            _timers.Add(timer);
            Signal();
        }

        return timer;
    }

    /// <summary>Completes when at least <paramref name="count"/> timers are pending.</summary>
    public async Task WaitForTimersAsync(int count = 1)
    {
        // A guard against a test that would otherwise hang forever, not a timing assumption.
        var deadline = Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        while (true)
        {
            Task changed;
            lock (_lock)
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

    /// <summary>Moves the clock on and fires, in due order, every timer that is due.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due).ToList();
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

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            if (_timers.Remove(timer))
            {
                Signal();
            }
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Remove(this);
            lock (owner._lock)
            {
                Due = owner._now + dueTime;
                owner._timers.Add(this);
                owner.Signal();
            }

            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
