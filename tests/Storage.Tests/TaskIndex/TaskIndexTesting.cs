using Azure.Core;
using Azure.Core.Pipeline;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.TaskIndex;

/// <summary>Set-up shared by the task-index tests: a fresh hub, task builders, and the LINQ oracle queries are checked against.</summary>
internal static class TaskIndexTesting
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static async Task<(TaskHub Hub, UserTaskIndex Index)> NewIndexAsync(AzuriteFixture azurite, TableClientOptions? options = null)
    {
        var hub = new TaskHub(new TableServiceClient(azurite.ConnectionString, options), "H" + Guid.NewGuid().ToString("N")[..10]);
        await hub.TaskIndex.CreateIfNotExistsAsync();
        return (hub, new UserTaskIndex(hub, new ManualTimeProvider()));
    }

    public static UserTask NewTask(long key, Func<UserTask, UserTask>? configure = null)
    {
        var task = new UserTask
        {
            UserTaskKey = key,
            ProcessInstanceKey = 9_000 + (key % 3),
            ElementInstanceKey = 50_000 + key,
            ProcessDefinitionKey = 700 + (key % 2),
            BpmnProcessId = key % 2 == 0 ? "order" : "invoice",
            ElementId = "review",
            CreationDate = Epoch.AddMinutes(key),
        };
        return configure is null ? task : configure(task);
    }

    public static async Task ProjectAllAsync(UserTaskIndex index, IEnumerable<UserTask> tasks) =>
        await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = 48 }, async (task, ct) => await index.ProjectAsync(task, ct));

    /// <summary>A varied, deterministic set: ties on every sort value, missing dates, odd characters in values.</summary>
    public static List<UserTask> VariedTasks(int count, int seed = 7)
    {
        var random = new Random(seed);
        string?[] assignees = [null, null, "alice", "bob", "o'brien|x/y#z?ü"];
        string[] users = ["alice", "bob", "carol"];
        string[] groups = ["sales", "ops", "grp/é#1"];
        var tasks = new List<UserTask>();
        for (var key = 1L; key <= count; key++)
        {
            var r = random.Next();
            tasks.Add(NewTask(key, t => t with
            {
                CreationDate = Epoch.AddMinutes(random.Next(count / 2 + 1)),
                State = random.Next(6) == 0 ? UserTaskState.Completed : UserTaskState.Created,
                Assignee = assignees[random.Next(assignees.Length)],
                InitialAssignee = random.Next(5) == 0 ? "dave" : null,
                CandidateUsers = [.. users.Where(_ => random.Next(4) == 0)],
                CandidateGroups = [.. groups.Where(_ => random.Next(3) == 0)],
                DueDate = random.Next(3) == 0 ? null : Epoch.AddHours(random.Next(40)),
                FollowUpDate = random.Next(2) == 0 ? null : Epoch.AddHours(random.Next(40)),
                Priority = random.Next(5) * 25,
                IsOverdue = random.Next(4) == 0,
                IsFollowUpDue = random.Next(5) == 0,
                ElementId = r % 3 == 0 ? "approve" : "review",
            }));
        }

        return tasks;
    }

    /// <summary>The expected answer: the filter and order applied with LINQ.</summary>
    public static List<UserTask> Oracle(IEnumerable<UserTask> tasks, UserTaskFilter filter, UserTaskSortField sort = UserTaskSortField.CreationDate, bool descending = false)
    {
        var matching = tasks.Where(t => Matches(filter, t)).ToList();
        long? Value(UserTask t) => sort switch
        {
            UserTaskSortField.CreationDate => t.CreationDate.UtcTicks,
            UserTaskSortField.Priority => t.Priority,
            UserTaskSortField.DueDate => t.DueDate?.UtcTicks,
            _ => t.FollowUpDate?.UtcTicks,
        };
        var present = matching.Where(t => Value(t) is not null);
        var missing = matching.Where(t => Value(t) is null);
        return descending
            ? [.. present.OrderByDescending(Value).ThenByDescending(t => t.UserTaskKey), .. missing.OrderByDescending(t => t.UserTaskKey)]
            : [.. present.OrderBy(Value).ThenBy(t => t.UserTaskKey), .. missing.OrderBy(t => t.UserTaskKey)];
    }

    /// <summary>The filter's meaning, written independently of the index's own matcher.</summary>
    public static bool Matches(UserTaskFilter f, UserTask t)
    {
        var claimable = f.ClaimableBy is not { } u
            || (t.State == UserTaskState.Created && t.Assignee is null
                && ((t.CandidateUsers.Count == 0 && t.CandidateGroups.Count == 0) || t.CandidateUsers.Contains(u.UserId)
                    || t.CandidateGroups.Any(u.Groups.Contains) || t.InitialAssignee == u.UserId));
        return claimable
            && t.TenantId == f.TenantId
            && (f.State is null || t.State == f.State)
            && (f.Assignee is null || t.Assignee == f.Assignee)
            && (f.Assigned is null || f.Assigned == (t.Assignee is not null))
            && (f.CandidateUser is null || t.CandidateUsers.Contains(f.CandidateUser))
            && (f.CandidateGroup is null || t.CandidateGroups.Contains(f.CandidateGroup))
            && (f.ProcessDefinitionKey is null || t.ProcessDefinitionKey == f.ProcessDefinitionKey)
            && (f.BpmnProcessId is null || t.BpmnProcessId == f.BpmnProcessId)
            && (f.ProcessInstanceKey is null || t.ProcessInstanceKey == f.ProcessInstanceKey)
            && (f.ElementId is null || t.ElementId == f.ElementId)
            && (f.UserTaskKey is null || t.UserTaskKey == f.UserTaskKey)
            && (f.Overdue is null || t.IsOverdue == f.Overdue)
            && (f.FollowUpDue is null || t.IsFollowUpDue == f.FollowUpDue)
            && (f.PriorityAtLeast is null || t.Priority >= f.PriorityAtLeast)
            && (f.DueBefore is null || (t.DueDate is { } d1 && d1 < f.DueBefore))
            && (f.DueAfter is null || (t.DueDate is { } d2 && d2 > f.DueAfter));
    }

    /// <summary>Pages forward from the first page to the last, checking the cursors chain.</summary>
    public static async Task<(List<UserTask> Items, string? LastCursor)> PageForwardAsync(UserTaskIndex index, UserTaskQuery query, Func<int, Task>? afterPage = null)
    {
        var all = new List<UserTask>();
        string? after = null;
        for (var page = 0; ; page++)
        {
            var result = await index.SearchAsync(query with { After = after }, CancellationToken.None);
            all.AddRange(result.Items);
            after = result.EndCursor ?? after;
            if (result.Items.Count < query.Limit)
            {
                return (all, after);
            }

            if (afterPage is not null)
            {
                await afterPage(page);
            }
        }
    }

    /// <summary>Pages backward from just before <paramref name="before"/> to the first task, returned in forward order.</summary>
    public static async Task<List<UserTask>> PageBackwardAsync(UserTaskIndex index, UserTaskQuery query, string before)
    {
        var pages = new List<IReadOnlyList<UserTask>>();
        string? cursor = before;
        while (true)
        {
            var result = await index.SearchAsync(query with { Before = cursor }, CancellationToken.None);
            pages.Insert(0, result.Items);
            if (result.Items.Count < query.Limit)
            {
                return [.. pages.SelectMany(p => p)];
            }

            cursor = result.StartCursor;
        }
    }

    public static long[] Keys(IEnumerable<UserTask> tasks) => [.. tasks.Select(t => t.UserTaskKey)];

    /// <summary>Every index row (PartitionKey, RowKey, Version) of one task, read by a test-only full scan.</summary>
    public static async Task<List<(string PartitionKey, string RowKey, long Version)>> RowsOfAsync(TaskHub hub, long userTaskKey)
    {
        var rows = new List<(string, string, long)>();
        await foreach (var row in hub.TaskIndex.QueryAsync(TableFilter.Property("TaskKey").Eq(userTaskKey)))
        {
            rows.Add((row.PartitionKey!, row.RowKey!, row.GetInt64("Version")!.Value));
        }

        return rows;
    }

    /// <summary>Fails the <see cref="FailAfter"/>+1-th entity-group transaction while armed, as a crash mid-projection would.</summary>
    public sealed class BatchFaultPolicy : HttpPipelineSynchronousPolicy
    {
        private int _batches;

        public int? FailAfter { get; set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (FailAfter is { } limit && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)
                && Interlocked.Increment(ref _batches) > limit)
            {
                throw new InvalidOperationException("Injected crash during projection.");
            }
        }

        public void Disarm()
        {
            FailAfter = null;
            _batches = 0;
        }
    }
}
