using Microsoft.Extensions.Logging;

namespace Cassette.Cli.Serving;

/// <summary>
/// Sends the web host's and Kestrel's warnings and errors (an exception the request handling let
/// through, a connection that would not close) to the server's log, one line each plus the exception.
/// </summary>
internal sealed class ServerLogProvider(Action<string> write) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, write);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, Action<string> write) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string line = $"{logLevel.ToString().ToLowerInvariant()}: {category}: {formatter(state, exception)}";
            write(exception is null ? line : line + Environment.NewLine + exception);
        }
    }
}
