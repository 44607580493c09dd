using System.Collections.Concurrent;
using Bot.Core.Calls;
using Bot.Core.Health;
using Bot.StandIns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Isdp.Tests;

/// <summary>Every formatted log message, for asserting what is (and is not) written.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = $"{category} {eventId.Id} {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> fields)
                text += " | " + string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}"));
            owner._messages.Enqueue(text + (exception is null ? "" : " | " + exception));
        }
    }
}
