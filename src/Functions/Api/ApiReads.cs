using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Keys;

namespace TaskFunctions.Functions.Api;

/// <summary>Reads the routes share.</summary>
internal static class ApiReads
{
    /// <summary>
    /// The user task as committed — its own row, not the index — so a read right after a command sees that command;
    /// null when no task has the key.
    /// </summary>
    public static async Task<(UserTask? Task, long ProcessInstanceKey)> ReadUserTaskAsync(
        KeyLookup lookup, InstanceStore store, long userTaskKey, CancellationToken ct) =>
        await lookup.FindProcessInstanceAsync(userTaskKey, ct).ConfigureAwait(false) is { } instanceKey
            ? (await InstanceStore.ReadCommittedTaskAsync(store.Table, instanceKey, userTaskKey, ct).ConfigureAwait(false), instanceKey)
            : (null, 0);
}
