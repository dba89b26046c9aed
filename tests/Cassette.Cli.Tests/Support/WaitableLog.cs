using System.Text;

namespace Cassette.Tests.Support;

/// <summary>A log a server writes lines to, which a test can wait on instead of sleeping.</summary>
internal sealed class WaitableLog : TextWriter
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return _lines.ToList();
            }
        }
    }

    public override void WriteLine(string? value)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _lines.Add(value ?? "");
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public override void Write(char value) =>
        throw new NotSupportedException("The server writes whole lines.");

    /// <summary>Completes when at least <paramref name="count"/> lines contain <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, int count = 1)
    {
        // A guard against a test that would otherwise hang forever, not a timing assumption.
        var deadline = Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_lines.Count(l => l.Contains(text, StringComparison.Ordinal)) >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (await Task.WhenAny(changed, deadline) == deadline)
            {
                throw new TimeoutException($"Expected {count} log line(s) with \"{text}\" after 30 s; the log:\n{string.Join('\n', Lines)}");
            }
        }
    }

    public override string ToString() => string.Join('\n', Lines);
}
