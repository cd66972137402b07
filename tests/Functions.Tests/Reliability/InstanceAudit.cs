using System.Globalization;
using System.Net;
using System.Text.Json;
using TaskFunctions.Functions.Tests.Api.UserTasks;
using TaskFunctions.Storage;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Tests.Reliability;

/// <summary>What one audit of a set of instances found; every count but the totals should be 0.</summary>
internal sealed record AuditReport(int Instances, int Tasks, int Timers, IReadOnlyList<string> Problems)
{
    public bool IsClean => Problems.Count == 0;

    public override string ToString() =>
        $"{Instances} instances, {Tasks} tasks, {Timers} timers; {Problems.Count} problems"
        + (IsClean ? string.Empty : ":\n  " + string.Join("\n  ", Problems.Take(20)));
}

/// <summary>
/// Checks instances after a run with faults: each instance is whole (its state, tasks and history agree), no
/// transition happened twice, no element has two tasks, the task index (search) matches the task entities (GET),
/// and every timer the instance waits on has its row in the timers table (and no row is left for a timer it dropped).
/// Reads over HTTP where the API shows it, from storage where it does not (timer rows).
/// </summary>
internal static class InstanceAudit
{
    private static readonly string[] Terminal = ["COMPLETED", "CANCELED", "FAILED"];

    /// <summary>Audits until clean or <paramref name="within"/> passed (the sweeper may still be projecting).</summary>
    public static async Task<AuditReport> UntilCleanAsync(HttpClient client, TaskHub hub, IReadOnlyCollection<long> instances, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var report = await CheckAsync(client, hub, instances);
            if (report.IsClean || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(500);
        }
    }

    public static async Task<AuditReport> CheckAsync(HttpClient client, TaskHub hub, IReadOnlyCollection<long> instances)
    {
        var problems = new List<string>();
        var store = new InstanceStore(hub);
        var timerRows = new Dictionary<long, HashSet<string>>();
        await foreach (var row in hub.Timers.QueryAsync(TableFilter.All))
        {
            var owner = row.GetInt64("ProcessInstanceKey") ?? 0;
            if (!timerRows.TryGetValue(owner, out var set))
            {
                timerRows[owner] = set = [];
            }

            set.Add(TimerRowId(row.GetString("TimerId")!, long.Parse(row.RowKey![..19], CultureInfo.InvariantCulture)));
        }

        int tasks = 0, timers = 0;
        foreach (var key in instances)
        {
            var snapshot = await store.ReadAllAsync(key);
            if (snapshot is null)
            {
                problems.Add($"instance {key}: acknowledged but not found");
                continue;
            }

            var instance = snapshot.Instance;
            var state = (await client.GetInstanceAsync(key)).GetProperty("state").GetString();
            var indexed = (await client.SearchTasksAsync(key)).ToDictionary(t => t.Key("userTaskKey"));
            tasks += instance.UserTasks.Count;
            foreach (var element in instance.UserTasks.Values.GroupBy(t => t.ElementId).Where(g => g.Count() > 1))
            {
                problems.Add($"instance {key}: {element.Count()} tasks for element {element.Key}");
            }

            foreach (var task in instance.UserTasks.Values)
            {
                var entity = await client.GetTaskAsyncJson(task.UserTaskKey);
                var entityState = entity.GetProperty("state").GetString();
                var assignee = entity.OptionalString("assignee");
                if (!indexed.TryGetValue(task.UserTaskKey, out var item))
                {
                    problems.Add($"task {task.UserTaskKey}: missing from the index");
                }
                else if (item.GetProperty("state").GetString() != entityState || item.OptionalString("assignee") != assignee)
                {
                    problems.Add($"task {task.UserTaskKey}: index says {item.GetProperty("state")}/{item.OptionalString("assignee")}, entity {entityState}/{assignee}");
                }

                var events = await client.TaskEventsAsync(task.UserTaskKey);
                if (events.Count(e => e == "CREATED") != 1 || events.Count(e => Terminal.Contains(e)) > 1 || events.Count(e => e == "ASSIGNED") > 1)
                {
                    problems.Add($"task {task.UserTaskKey}: history {string.Join(",", events)}");
                }

                if (Terminal.Contains(entityState) != events.Any(e => Terminal.Contains(e)))
                {
                    problems.Add($"task {task.UserTaskKey}: state {entityState} but history {string.Join(",", events)}");
                }
            }

            foreach (var stray in indexed.Keys.Where(k => !instance.UserTasks.ContainsKey(k)))
            {
                problems.Add($"task {stray}: in the index but not an entity of instance {key}");
            }

            var open = instance.UserTasks.Values.Count(t => t.IsOpen);
            if ((state == "ACTIVE") != (open > 0) || (state == "COMPLETED" && instance.State.Timers.Count > 0))
            {
                problems.Add($"instance {key}: state {state} with {open} open tasks and {instance.State.Timers.Count} timers");
            }

            var expected = instance.State.Timers.Select(t => TimerRowId(t.TimerId, t.DueAt.UtcTicks)).ToHashSet();
            var actual = timerRows.GetValueOrDefault(key) ?? [];
            timers += expected.Count;
            foreach (var lost in expected.Except(actual))
            {
                problems.Add($"instance {key}: timer {lost} has no row (lost)");
            }

            foreach (var left in actual.Except(expected))
            {
                problems.Add($"instance {key}: timer row {left} left for a timer the instance no longer has");
            }
        }

        return new AuditReport(instances.Count, tasks, timers, problems);
    }

    /// <summary>How many instances the hub holds (to catch a start applied twice).</summary>
    public static async Task<int> CountInstancesAsync(TaskHub hub)
    {
        var count = 0;
        await foreach (var _ in hub.Instances.QueryAsync(TableFilter.RowKey.Eq("instance"), select: [TableEntity.RowKeyName]))
        {
            count++;
        }

        return count;
    }

    /// <summary>Whether an answer is one a client may see while storage misbehaves: success, or 503 with Retry-After.</summary>
    public static async Task<string?> UnacceptableAsync(HttpResponseMessage response)
    {
        if (ReliabilitySamples.IsSuccess(response.StatusCode))
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return response.Headers.RetryAfter is null ? $"503 without Retry-After: {text}"
                : response.Content.Headers.ContentType?.MediaType != "application/problem+json" ? $"503 not problem+json: {text}"
                : null;
        }

        return $"{(int)response.StatusCode}: {text}";
    }

    private static string TimerRowId(string timerId, long dueTicks) => $"{timerId}@{dueTicks}";
}
