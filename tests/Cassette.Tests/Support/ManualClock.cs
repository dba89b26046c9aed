namespace Cassette.Tests.Support;

/// <summary>
/// A clock that moves only when told to, counting whole nanoseconds so that a Go duration
/// such as 1.230852709s can be measured exactly. Timers fire inside <see cref="Advance"/>.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private long _nanoseconds = 1_000_000_000;

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

    public void Advance(GoDuration by) => Advance(by.Nanoseconds);

    public void Advance(TimeSpan by) => Advance(by.Ticks * 100);

    public void Advance(long nanoseconds)
    {
        ManualTimer[] due;
        lock (_gate)
        {
            _nanoseconds += nanoseconds;
            due = _timers.Where(t => t.DueAt <= _nanoseconds).ToArray();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
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
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
