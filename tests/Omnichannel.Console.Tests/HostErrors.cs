using Microsoft.Extensions.Logging;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The console host's warnings and errors, written to a file beside the screenshots: a page that shows
/// "something went wrong" then says why in the test results.</summary>
public sealed class HostErrors(string path) : ILoggerProvider
{
    private readonly object gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private void Write(string line)
    {
        lock (gate) File.AppendAllText(path, line + Environment.NewLine);
    }

    private sealed class Logger(HostErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Write($"{DateTime.UtcNow:O} {logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
