using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TaskFunctions.Storage.Tests.Timers;

/// <summary>Keeps the event ids and messages logged, so tests can see what a background loop reported.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, logLevel, formatter(state, exception)));

    public bool Has(int eventId) => Entries.Any(e => e.EventId.Id == eventId);
}
