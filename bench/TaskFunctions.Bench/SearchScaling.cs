using System.Diagnostics;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Bench;

/// <summary>
/// Search latency against the number of open tasks: the index is seeded through <see cref="UserTaskIndex.ProjectAsync"/>
/// (the runtime's own projection, without the instance rows behind it, which searches never read), then each query
/// runs one after another and is timed.
/// </summary>
public sealed class SearchScaling(TableServiceClient service, string hubName, Action<string> log)
{
    public const int Users = 100;
    public const int Groups = 50;

    private readonly TaskHub _hub = new(service, hubName);
    private long _seeded;

    /// <summary>The three searches of the issue, by name.</summary>
    public static IReadOnlyList<(string Name, UserTaskFilter Filter)> Queries { get; } =
    [
        ("assigned to X", new UserTaskFilter { Assignee = "user12", State = UserTaskState.Created }),
        ("claimable by group G", new UserTaskFilter { ClaimableBy = new EligibleUser("somebody", ["group6"]) }),
        ("overdue", new UserTaskFilter { Overdue = true, State = UserTaskState.Created }),
    ];

    public long Seeded => Interlocked.Read(ref _seeded);

    public async Task PrepareAsync() => await _hub.CreateTablesAsync();

    /// <summary>Adds open tasks until the index holds <paramref name="total"/>; returns tasks/s of the seeding.</summary>
    /// <remarks>Stops early, with fewer tasks seeded, when <paramref name="deadline"/> passes.</remarks>
    public async Task<double> SeedToAsync(int total, DateTimeOffset deadline, int concurrency = 32)
    {
        var index = new UserTaskIndex(_hub, TimeProvider.System);
        var from = _seeded;
        var next = from - 1;
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, concurrency, async (_, ct) =>
        {
            while (DateTimeOffset.UtcNow < deadline && Interlocked.Increment(ref next) is var i && i < total)
            {
                await index.ProjectAsync(Task(i), ct);
                Interlocked.Increment(ref _seeded);
                if ((i + 1) % 1_000 == 0)
                {
                    log($"  seeded {i + 1:N0} tasks");
                }
            }
        });
        return (_seeded - from) / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Times <paramref name="repeat"/> searches (first page, 50 tasks, by creation date) of one filter.</summary>
    public async Task<(Latencies Latencies, int Items)> MeasureAsync(UserTaskFilter filter, int repeat)
    {
        var index = new UserTaskIndex(_hub, TimeProvider.System);
        var items = 0;
        for (var i = 0; i < 3; i++)
        {
            items = (await index.SearchAsync(new UserTaskQuery(filter, Limit: 50), CancellationToken.None)).Items.Count;
        }

        var latencies = await Load.RunAsync(repeat, 1, async _ =>
            await index.SearchAsync(new UserTaskQuery(filter, Limit: 50), CancellationToken.None));
        return (latencies, items);
    }

    /// <summary>Task i of the seed: assigned to one of 100 users in 4 of 10, candidate group one of 50, overdue in 1 of 10.</summary>
    private static UserTask Task(long i)
    {
        var now = DateTimeOffset.UtcNow;
        var overdue = i % 10 == 3;
        return new UserTask
        {
            UserTaskKey = 4_000_000_000 + i,
            ProcessInstanceKey = 3_000_000_000 + i,
            ElementInstanceKey = 5_000_000_000 + i,
            ProcessDefinitionKey = 2_251_799_813_685_249,
            BpmnProcessId = "benchSearch",
            ElementId = "review",
            Name = "Review",
            Assignee = i % 10 < 4 ? $"user{i % Users}" : null,
            CandidateGroups = [$"group{i % Groups}"],
            DueDate = overdue ? now.AddDays(-1) : now.AddDays(7),
            IsOverdue = overdue,
            CreationDate = now.AddSeconds(-i),
            Priority = (int)(i % 100),
        };
    }
}
