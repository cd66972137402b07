using Azure.Core;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.TaskIndex.TaskIndexTesting;

namespace TaskFunctions.Storage.Tests.TaskIndex;

[Collection(AzuriteCollection.Name)]
public sealed class UserTaskIndexProjectionTests(AzuriteFixture azurite)
{
    private static readonly UserTask Open = NewTask(7, t => t with { CandidateGroups = ["ops"] });

    private static readonly UserTask Claimed = Open with { Assignee = "alice", Version = 2 };

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_Claim_MovesTheTaskFromUnassignedToTheAssigneeWithNineRequestsOnAWarmCache()
    {
        var counter = new RequestCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var (hub, index) = await NewIndexAsync(azurite, options);
        await index.ProjectAsync(Open, CancellationToken.None);
        counter.Reset();

        await index.ProjectAsync(Claimed, CancellationToken.None);
        var requests = counter.Count;

        var unassigned = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { Assigned = false }), CancellationToken.None);
        var mine = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { Assignee = "alice" }), CancellationToken.None);
        var group = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { CandidateGroup = "ops" }), CancellationToken.None);
        Assert.Empty(unassigned.Items);
        Assert.Equal(Claimed, Assert.Single(mine.Items), UserTaskComparer);
        Assert.Equal(2, Assert.Single(group.Items).Version);
        // Pending write (If-Match the manifest this index wrote, so no read), 7 partitions (6 kept + the unassigned
        // one emptied), commit.
        Assert.Equal(9, requests);
        Assert.Equal(ExpectedRows(Claimed), (await RowsOfAsync(hub, 7)).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_ColdCache_ReadsTheManifestFirst()
    {
        var counter = new RequestCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var (hub, index) = await NewIndexAsync(azurite, options);
        await index.ProjectAsync(Open, CancellationToken.None);
        var restarted = new UserTaskIndex(hub, new ManualTimeProvider());
        counter.Reset();

        await restarted.ProjectAsync(Claimed, CancellationToken.None);

        // Manifest read, pending write, 7 partitions, commit.
        Assert.Equal(10, counter.Count);
        Assert.Equal(ExpectedRows(Claimed), (await RowsOfAsync(hub, 7)).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_NewTask_AddsTheManifestWithoutReadingIt()
    {
        var counter = new RequestCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var (hub, index) = await NewIndexAsync(azurite, options);
        counter.Reset();

        await index.ProjectAsync(Open, CancellationToken.None);

        // Pending manifest Added, one transaction per partition, commit.
        var partitions = ExpectedRows(Open).Select(r => r.Item1).Distinct().Count();
        Assert.Equal(1 + partitions + 1, counter.Count);
        Assert.Equal(ExpectedRows(Open), (await RowsOfAsync(hub, 7)).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_NewTaskAlreadyProjectedElsewhere_FallsBackToTheManifest()
    {
        var (hub, index) = await NewIndexAsync(azurite);
        var other = new UserTaskIndex(hub, new ManualTimeProvider());
        await other.ProjectAsync(Claimed, CancellationToken.None);

        // Guessed absent: the Add fails, the manifest read shows version 2 indexed, so version 1 changes nothing.
        await index.ProjectAsync(Open, CancellationToken.None);

        Assert.Equal(2, (await index.GetAsync(7, CancellationToken.None))!.Version);
        Assert.Equal(ExpectedRows(Claimed), (await RowsOfAsync(hub, 7)).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_StaleCache_AnotherProcessProjectedMeanwhile_ConvergesToTheNewest()
    {
        var (hub, index) = await NewIndexAsync(azurite);
        var other = new UserTaskIndex(hub, new ManualTimeProvider());
        await index.ProjectAsync(Open, CancellationToken.None);
        await index.ProjectAsync(Claimed, CancellationToken.None);
        var reassigned = Claimed with { Assignee = "bob", Version = 3 };
        await other.ProjectAsync(reassigned, CancellationToken.None);
        var completed = reassigned with { State = UserTaskState.Completed, CompletionDate = Epoch.AddHours(1), Version = 4 };

        // This index still remembers version 2: its If-Match write fails, it reads version 3 and goes on from there.
        await index.ProjectAsync(completed, CancellationToken.None);

        Assert.Equal(ExpectedRows(completed), (await RowsOfAsync(hub, 7)).Order());
        Assert.Equal(completed, await index.GetAsync(7, CancellationToken.None), UserTaskComparer);
        Assert.Empty((await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { Assignee = "bob", State = UserTaskState.Created }), CancellationToken.None)).Items);
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_SameVersionAgain_PendingLeftByAnotherProcess_FinishesIt()
    {
        var fault = new BatchFaultPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(fault, HttpPipelinePosition.PerCall);
        var (hub, crashing) = await NewIndexAsync(azurite, options);
        var index = new UserTaskIndex(new TaskHub(new TableServiceClient(azurite.ConnectionString), hub.Name), new ManualTimeProvider());
        await index.ProjectAsync(Claimed, CancellationToken.None);
        var reassigned = Claimed with { Assignee = "bob", Version = 3 };
        fault.FailAfter = 3;
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.ProjectAsync(reassigned, CancellationToken.None));

        // This index remembers version 2 as indexed, but "nothing to do" is only ever decided on the manifest as
        // read: it finds version 3 pending and finishes it.
        await index.ProjectAsync(Claimed, CancellationToken.None);

        Assert.Equal(ExpectedRows(reassigned), (await RowsOfAsync(hub, 7)).Order());
        Assert.Equal(3, (await index.GetAsync(7, CancellationToken.None))!.Version);
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_Completion_RemovesTheTaskFromOpenLists()
    {
        var (hub, index) = await NewIndexAsync(azurite);
        await index.ProjectAsync(Claimed, CancellationToken.None);

        var completed = Claimed with { State = UserTaskState.Completed, CompletionDate = Epoch.AddHours(1), Version = 3 };
        await index.ProjectAsync(completed, CancellationToken.None);

        var open = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { State = UserTaskState.Created, Assignee = "alice" }), CancellationToken.None);
        var done = await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { State = UserTaskState.Completed, CandidateGroup = "ops" }), CancellationToken.None);
        Assert.Empty(open.Items);
        Assert.Equal(3, Assert.Single(done.Items).Version);
        Assert.DoesNotContain(await RowsOfAsync(hub, 7), r => r.PartitionKey.Contains("|created|", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_OlderOrSameVersion_IsIgnored()
    {
        var (hub, index) = await NewIndexAsync(azurite);
        await index.ProjectAsync(Claimed, CancellationToken.None);

        await index.ProjectAsync(Open, CancellationToken.None);
        await index.ProjectAsync(Claimed, CancellationToken.None);

        Assert.Equal(2, (await index.GetAsync(7, CancellationToken.None))!.Version);
        Assert.Empty((await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { Assigned = false }), CancellationToken.None)).Items);
        Assert.Equal(ExpectedRows(Claimed), (await RowsOfAsync(hub, 7)).Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task GetAsync_NeverProjected_ReturnsNull()
    {
        var (_, index) = await NewIndexAsync(azurite);

        var task = await index.GetAsync(12345, CancellationToken.None);

        Assert.Null(task);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task ProjectAsync_AfterAProjectionCrashedMidway_RepairsEveryRow(int batchesBeforeCrash)
    {
        var fault = new BatchFaultPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(fault, HttpPipelinePosition.PerCall);
        var (hub, index) = await NewIndexAsync(azurite, options);
        await index.ProjectAsync(Open, CancellationToken.None);
        fault.FailAfter = batchesBeforeCrash;
        await Assert.ThrowsAsync<InvalidOperationException>(() => index.ProjectAsync(Claimed, CancellationToken.None));
        fault.Disarm();

        await index.ProjectAsync(Claimed, CancellationToken.None);

        Assert.Equal(ExpectedRows(Claimed), (await RowsOfAsync(hub, 7)).Order());
        Assert.Equal(Claimed, await index.GetAsync(7, CancellationToken.None), UserTaskComparer);
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_NewerVersionAfterACrashedOne_RemovesTheCrashedVersionsRows()
    {
        var fault = new BatchFaultPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(fault, HttpPipelinePosition.PerCall);
        var (hub, index) = await NewIndexAsync(azurite, options);
        await index.ProjectAsync(Open, CancellationToken.None);
        fault.FailAfter = 4;
        await Assert.ThrowsAsync<InvalidOperationException>(() => index.ProjectAsync(Claimed, CancellationToken.None));
        fault.Disarm();
        var reassigned = Claimed with { Assignee = "bob", Version = 3 };

        await index.ProjectAsync(reassigned, CancellationToken.None);

        Assert.Equal(ExpectedRows(reassigned), (await RowsOfAsync(hub, 7)).Order());
        Assert.Empty((await index.SearchAsync(new UserTaskQuery(new UserTaskFilter { Assignee = "alice" }), CancellationToken.None)).Items);
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_OlderVersionAfterACrashedNewerOne_FinishesTheNewerOne()
    {
        var fault = new BatchFaultPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(fault, HttpPipelinePosition.PerCall);
        var (hub, index) = await NewIndexAsync(azurite, options);
        await index.ProjectAsync(Open, CancellationToken.None);
        fault.FailAfter = 2;
        await Assert.ThrowsAsync<InvalidOperationException>(() => index.ProjectAsync(Claimed, CancellationToken.None));
        fault.Disarm();

        await index.ProjectAsync(Open, CancellationToken.None);

        Assert.Equal(ExpectedRows(Claimed), (await RowsOfAsync(hub, 7)).Order());
        Assert.Equal(2, (await index.GetAsync(7, CancellationToken.None))!.Version);
    }

    [Fact(Timeout = 30_000)]
    public async Task ProjectAsync_ConcurrentVersionsOfOneTask_ConvergeToTheNewest()
    {
        var (hub, index) = await NewIndexAsync(azurite);
        var versions = Enumerable.Range(1, 8)
            .Select(v => Open with { Version = v, Assignee = v % 2 == 0 ? $"user{v}" : null, Priority = v * 10 })
            .ToList();

        await Task.WhenAll(versions.Select(v => Task.Run(() => index.ProjectAsync(v, CancellationToken.None))));

        Assert.Equal(ExpectedRows(versions[^1]), (await RowsOfAsync(hub, 7)).Order());
        Assert.Equal(8, (await index.GetAsync(7, CancellationToken.None))!.Version);
    }

    private static IEnumerable<(string, string, long)> ExpectedRows(UserTask task) =>
        IndexRows.KeysOf(task).Select(k => (k.PartitionKey, k.RowKey, task.Version)).Order();

    private static IEqualityComparer<UserTask?> UserTaskComparer { get; } = EqualityComparer<UserTask?>.Create(
        (a, b) => a is not null && b is not null && UserTaskJson.Serialize(a) == UserTaskJson.Serialize(b));
}
