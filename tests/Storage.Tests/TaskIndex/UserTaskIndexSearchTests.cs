using Azure.Core;
using Azure.Core.Pipeline;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.TaskIndex.TaskIndexTesting;

namespace TaskFunctions.Storage.Tests.TaskIndex;

[Collection(AzuriteCollection.Name)]
public sealed class UserTaskIndexSearchTests(AzuriteFixture azurite)
{
    private static readonly EligibleUser Alice = new("alice", ["sales", "ops"]);

    private static Dictionary<string, UserTaskFilter> Filters { get; } = new()
    {
        ["none"] = new(),
        ["state created"] = new() { State = UserTaskState.Created },
        ["state completed"] = new() { State = UserTaskState.Completed },
        ["assignee"] = new() { Assignee = "alice" },
        ["assignee with odd characters"] = new() { Assignee = "o'brien|x/y#z?ü" },
        ["assigned"] = new() { Assigned = true },
        ["unassigned"] = new() { Assigned = false },
        ["candidate user"] = new() { CandidateUser = "bob" },
        ["candidate group"] = new() { CandidateGroup = "sales" },
        ["candidate group with odd characters"] = new() { CandidateGroup = "grp/é#1" },
        ["claimable by"] = new() { ClaimableBy = Alice },
        ["process definition"] = new() { ProcessDefinitionKey = 701 },
        ["bpmn process id"] = new() { BpmnProcessId = "order" },
        ["process instance"] = new() { ProcessInstanceKey = 9_001 },
        ["element id"] = new() { ElementId = "approve" },
        ["user task key"] = new() { UserTaskKey = 17 },
        ["overdue"] = new() { Overdue = true },
        ["not overdue"] = new() { Overdue = false },
        ["follow-up due"] = new() { FollowUpDue = true },
        ["priority at least"] = new() { PriorityAtLeast = 75 },
        ["due before"] = new() { DueBefore = Epoch.AddHours(20) },
        ["due after"] = new() { DueAfter = Epoch.AddHours(20) },
        ["other tenant"] = new() { TenantId = "acme" },
        ["open, unassigned, in a group"] = new() { State = UserTaskState.Created, Assigned = false, CandidateGroup = "ops" },
        ["candidate user and group"] = new() { CandidateUser = "alice", CandidateGroup = "sales" },
        ["claimable by, in a group, high priority"] = new() { ClaimableBy = Alice, CandidateGroup = "ops", PriorityAtLeast = 50 },
        ["assignee, process, due window"] = new() { Assignee = "bob", BpmnProcessId = "invoice", DueAfter = Epoch.AddHours(5), DueBefore = Epoch.AddHours(35) },
        ["overdue, candidate group, open"] = new() { Overdue = true, CandidateGroup = "sales", State = UserTaskState.Created },
        ["instance and element"] = new() { ProcessInstanceKey = 9_002, ElementId = "review", Assigned = true },
        ["key and state that does not match"] = new() { UserTaskKey = 17, State = UserTaskState.Failed },
    };

    [Fact(Timeout = 60_000)]
    public async Task SearchAndCount_EachFilterAloneAndCombined_MatchTheOracle()
    {
        var (_, index) = await NewIndexAsync(azurite);
        var tasks = VariedTasks(80);
        tasks.Add(NewTask(1_000, t => t with { TenantId = "acme", Assignee = "alice" }));
        await ProjectAllAsync(index, tasks);

        foreach (var (name, filter) in Filters)
        {
            var expected = TaskIndexTesting.Keys(Oracle(tasks, filter));

            var page = await index.SearchAsync(new UserTaskQuery(filter, Limit: 1000), CancellationToken.None);
            var count = await index.CountAsync(filter, CancellationToken.None);

            Assert.True(expected.SequenceEqual(TaskIndexTesting.Keys(page.Items)), $"{name}: expected [{string.Join(",", expected)}], got [{string.Join(",", TaskIndexTesting.Keys(page.Items))}]");
            Assert.True(page.TotalItems == expected.Length && !page.HasMoreTotalItems, $"{name}: total {page.TotalItems}, expected {expected.Length}");
            Assert.Equal(new UserTaskCount(expected.Length, true), count);
        }

        Assert.Contains(Filters.Values, f => Oracle(tasks, f).Count == 0);
        Assert.All(Filters.Where(f => f.Key is "candidate group" or "claimable by" or "assignee with odd characters"), f => Assert.NotEmpty(Oracle(tasks, f.Value)));
    }

    [Fact(Timeout = 30_000)]
    public async Task SearchAndCount_EveryFilter_ReadOnlyNamedPartitions()
    {
        var recorder = new QueryRecorder();
        var options = new TableClientOptions();
        options.AddPolicy(recorder, HttpPipelinePosition.PerCall);
        var (_, index) = await NewIndexAsync(azurite, options);
        await ProjectAllAsync(index, VariedTasks(10));
        recorder.Queries.Clear();

        foreach (var filter in Filters.Values)
        {
            await index.SearchAsync(new UserTaskQuery(filter, UserTaskSortField.DueDate, Descending: true, Limit: 3), CancellationToken.None);
            await index.CountAsync(filter, CancellationToken.None);
        }

        Assert.NotEmpty(recorder.Queries);
        Assert.All(recorder.Queries, q => Assert.StartsWith("PartitionKey eq '", q.TrimStart('('), StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchAsync_EachSortFieldBothDirections_OrdersLikeTheOracleWithMissingValuesLast()
    {
        var (_, index) = await NewIndexAsync(azurite);
        var tasks = VariedTasks(60, seed: 11);
        await ProjectAllAsync(index, tasks);

        foreach (var sort in Enum.GetValues<UserTaskSortField>())
        {
            foreach (var descending in new[] { false, true })
            {
                var filter = new UserTaskFilter { State = UserTaskState.Created };

                var page = await index.SearchAsync(new UserTaskQuery(filter, sort, descending, Limit: 1000), CancellationToken.None);

                Assert.Equal(TaskIndexTesting.Keys(Oracle(tasks, filter, sort, descending)), TaskIndexTesting.Keys(page.Items));
            }
        }

        Assert.Contains(tasks, t => t.DueDate is null && t.State == UserTaskState.Created);
    }

    [Fact(Timeout = 30_000)]
    public async Task SearchAsync_ClaimableBy_MergesUserGroupInitialAndOpenTasksOnce()
    {
        var (_, index) = await NewIndexAsync(azurite);
        UserTask[] tasks =
        [
            NewTask(1, t => t with { CandidateUsers = ["alice"] }),
            NewTask(2, t => t with { CandidateGroups = ["sales"] }),
            NewTask(3),
            NewTask(4, t => t with { CandidateGroups = ["hr"] }),
            NewTask(5, t => t with { CandidateGroups = ["hr"], InitialAssignee = "alice" }),
            NewTask(6, t => t with { CandidateGroups = ["sales"], Assignee = "bob" }),
            NewTask(7, t => t with { State = UserTaskState.Completed }),
            NewTask(8, t => t with { CandidateUsers = ["alice"], CandidateGroups = ["sales", "ops"] }),
            NewTask(9, t => t with { CandidateUsers = ["bob"] }),
        ];
        await ProjectAllAsync(index, tasks);

        var page = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { ClaimableBy = Alice }, Limit: 3), CancellationToken.None);
        var next = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { ClaimableBy = Alice }, Limit: 3, After: page.EndCursor), CancellationToken.None);

        Assert.Equal([1L, 2, 3], TaskIndexTesting.Keys(page.Items));
        Assert.Equal([5L, 8], TaskIndexTesting.Keys(next.Items));
        Assert.Equal(5, page.TotalItems);
        Assert.False(page.HasMoreTotalItems);
    }

    [Fact(Timeout = 30_000)]
    public async Task Totals_MoreTasksThanTheCountLimit_AreCappedAndMarkedInexact()
    {
        var (_, index) = await NewIndexAsync(azurite);
        index.CountLimit = 25;
        await ProjectAllAsync(index, Enumerable.Range(1, 40).Select(k => NewTask(k, t => t with { CandidateGroups = ["sales"] })));

        var page = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { CandidateGroup = "sales" }, Limit: 10), CancellationToken.None);
        var count = await index.CountAsync(new UserTaskFilter { CandidateGroup = "sales" }, CancellationToken.None);
        var small = await index.CountAsync(new UserTaskFilter { ProcessInstanceKey = 9_000 }, CancellationToken.None);

        Assert.Equal(10, page.Items.Count);
        Assert.Equal(25, page.TotalItems);
        Assert.True(page.HasMoreTotalItems);
        Assert.Equal(new UserTaskCount(25, false), count);
        Assert.Equal(new UserTaskCount(13, true), small);
    }

    [Fact(Timeout = 30_000)]
    public async Task SearchAsync_ValuesWithQuotesSeparatorsAndNonAscii_RoundTrip()
    {
        var (_, index) = await NewIndexAsync(azurite);
        const string odd = "o'neil|a/b\\c#d?e%f 漢字 ü";
        var task = NewTask(42, t => t with
        {
            TenantId = "tenant'|/#",
            Assignee = odd,
            CandidateUsers = [odd],
            CandidateGroups = [odd, new string('g', 300)],
            BpmnProcessId = odd,
            ElementId = odd,
            Name = odd,
        });
        await index.ProjectAsync(task, CancellationToken.None);

        UserTaskFilter[] filters =
        [
            new() { TenantId = task.TenantId, Assignee = odd },
            new() { TenantId = task.TenantId, CandidateUser = odd },
            new() { TenantId = task.TenantId, CandidateGroup = odd },
            new() { TenantId = task.TenantId, CandidateGroup = new string('g', 300) },
            new() { TenantId = task.TenantId, BpmnProcessId = odd, ElementId = odd },
            new() { TenantId = task.TenantId, ClaimableBy = new EligibleUser(odd, []), Assigned = null, Assignee = null, State = UserTaskState.Created, CandidateGroup = odd },
        ];
        var results = new List<UserTask>();
        foreach (var filter in filters.Take(5))
        {
            results.AddRange((await index.SearchAsync(new UserTaskQuery(filter), CancellationToken.None)).Items);
        }

        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(UserTaskJson.Serialize(task), UserTaskJson.Serialize(r)));
        Assert.Equal(UserTaskJson.Serialize(task), UserTaskJson.Serialize((await index.GetAsync(42, CancellationToken.None))!));
        Assert.Empty((await index.SearchAsync(new UserTaskQuery(filters[5]), CancellationToken.None)).Items);
    }

    [Fact(Timeout = 30_000)]
    public async Task SearchAsync_TaskLargerThanOneStringProperty_RoundTrips()
    {
        var (_, index) = await NewIndexAsync(azurite);
        var task = NewTask(5, t => t with
        {
            CandidateGroups = ["sales"],
            CustomHeaders = new Dictionary<string, string> { ["notes"] = new string('x', 40_000), ["more"] = new string('y', 30_000) },
        });

        await index.ProjectAsync(task, CancellationToken.None);
        var page = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { CandidateGroup = "sales" }), CancellationToken.None);

        Assert.Equal(UserTaskJson.Serialize(task), UserTaskJson.Serialize(Assert.Single(page.Items)));
    }

    [Fact(Timeout = 30_000)]
    public async Task SearchAsync_InvalidLimitOrCursor_IsRejectedWithAClearMessage()
    {
        var (_, index) = await NewIndexAsync(azurite);
        await index.ProjectAsync(NewTask(1), CancellationToken.None);
        var page = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter(), Limit: 1), CancellationToken.None);

        var zero = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => index.SearchAsync(new UserTaskQuery(new UserTaskFilter(), Limit: 0), CancellationToken.None));
        var tooMany = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => index.SearchAsync(new UserTaskQuery(new UserTaskFilter(), Limit: 1001), CancellationToken.None));
        var garbage = await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new UserTaskQuery(new UserTaskFilter(), After: "not-a-cursor!"), CancellationToken.None));
        var otherSort = await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new UserTaskQuery(new UserTaskFilter(), UserTaskSortField.Priority, After: page.EndCursor), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new UserTaskQuery(new UserTaskFilter(), After: page.EndCursor, Before: page.EndCursor), CancellationToken.None));

        Assert.Contains("between 1 and 1000, got 0", zero.Message, StringComparison.Ordinal);
        Assert.Contains("got 1001", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("not a cursor", garbage.Message, StringComparison.Ordinal);
        Assert.Contains("another sort", otherSort.Message, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+$", page.EndCursor!);
    }

    /// <summary>Records the $filter of every query (point reads of the manifest have none).</summary>
    private sealed class QueryRecorder : HttpPipelineSynchronousPolicy
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Queries { get; } = new();

        public override void OnSendingRequest(HttpMessage message)
        {
            var uri = message.Request.Uri.ToUri();
            if (message.Request.Method == RequestMethod.Get && uri.AbsolutePath.EndsWith("TaskIndex()", StringComparison.Ordinal))
            {
                var filter = System.Web.HttpUtility.ParseQueryString(uri.Query)["$filter"];
                Queries.Enqueue(filter ?? "(no filter: a table scan)");
            }
        }
    }
}
