namespace Cassette;

/// <summary>Waits on a <see cref="TimeProvider"/>, asynchronously or blocking for the synchronous HTTP path.</summary>
internal static class Pacing
{
    // Task.Delay(TimeSpan, TimeProvider) rounds down to whole milliseconds, so a recorded stream
    // paced at 0.5 ms an event would not be paced at all: pacing waits exactly.
    public static Task DelayAsync(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = clock.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), done, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.UnsafeRegister(
            static (s, token) => ((TaskCompletionSource)s!).TrySetCanceled(token), done);
        return done.Task.ContinueWith(
            (task, _) =>
            {
                registration.Dispose();
                timer.Dispose();
                task.GetAwaiter().GetResult();
            },
            null,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public static void Delay(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            // Synchronous HttpClient.Send has to block somewhere; a timer wait holds no I/O.
            DelayAsync(delay, clock, cancellationToken).GetAwaiter().GetResult();
        }
    }

    public static TimeSpan Scale(TimeSpan duration, double factor) =>
        duration <= TimeSpan.Zero || factor <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)Math.Min(duration.Ticks * factor, TimeSpan.MaxValue.Ticks / 2));
}
