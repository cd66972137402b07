using Microsoft.Extensions.Logging;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.Timers;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Timers;

/// <summary>Set-up shared by the timer tests: a fresh hub on the collection's Azurite, timers, services.</summary>
internal static class TimerTestHub
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static string NewHubName() => "H" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A client of its own for <paramref name="name"/>, as a separate host would have.</summary>
    public static TaskHub Connect(AzuriteFixture azurite, string name) =>
        new(new TableServiceClient(azurite.ConnectionString), name);

    public static async Task<TaskHub> CreateAsync(AzuriteFixture azurite)
    {
        var hub = Connect(azurite, NewHubName());
        await hub.CreateTablesAsync();
        return hub;
    }

    public static DurableTimer Timer(long instance, string id, DateTimeOffset dueAt, ScheduledTimerKind kind = ScheduledTimerKind.BpmnTimer) =>
        new(instance, id, dueAt, "token-" + id, kind);

    public static TimerTriggerService Service(
        TaskHub hub, ITimerSink sink, TimeProvider time, string hostId, TimerTriggerOptions? options = null, ILogger<TimerTriggerService>? logger = null) =>
        new(new TimerStore(hub), sink, options ?? new TimerTriggerOptions(), time, logger ?? new RecordingLogger<TimerTriggerService>(), hostId);

    public static async Task<List<DurableTimer>> DueAsync(TimerStore store, DateTimeOffset now, int max = 1000)
    {
        var due = new List<DurableTimer>();
        await foreach (var timer in store.QueryDueAsync(now, max, CancellationToken.None))
        {
            due.Add(timer);
        }

        return due;
    }
}
