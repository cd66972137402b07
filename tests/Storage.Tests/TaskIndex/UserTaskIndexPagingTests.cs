using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.TaskIndex.TaskIndexTesting;

namespace TaskFunctions.Storage.Tests.TaskIndex;

[Collection(AzuriteCollection.Name)]
public sealed class UserTaskIndexPagingTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 180_000)]
    public async Task Paging_500TasksInPagesOf37_ForwardAndBackwardWithoutGapsOrDuplicates()
    {
        var (_, index) = await NewIndexAsync(azurite);
        var tasks = VariedTasks(500, seed: 3);
        await ProjectAllAsync(index, tasks);
        // Every state (16 partitions merged), due date descending: values, ties and missing dates span page boundaries.
        var query = new UserTaskQuery(new UserTaskFilter(), UserTaskSortField.DueDate, Descending: true, Limit: 37);
        var expected = TaskIndexTesting.Keys(Oracle(tasks, query.Filter, query.Sort, query.Descending));

        var forward = await PageForwardAsync(index, query);
        var backward = await PageBackwardAsync(index, query, forward.LastCursor!);

        Assert.Equal(500, expected.Length);
        Assert.Contains(tasks, t => t.DueDate is null);
        Assert.Equal(expected, TaskIndexTesting.Keys(forward.Items));
        Assert.Equal(expected[..^1], TaskIndexTesting.Keys(backward));
    }

    [Fact(Timeout = 60_000)]
    public async Task CursorOf_AnyTaskOfAPage_ContinuesRightAfterIt()
    {
        var (_, index) = await NewIndexAsync(azurite);
        var tasks = VariedTasks(40, seed: 5);
        await ProjectAllAsync(index, tasks);
        var query = new UserTaskQuery(new UserTaskFilter(), UserTaskSortField.Priority, Descending: true, Limit: 10);
        var page = await index.SearchAsync(query, CancellationToken.None);

        var middle = page.Items[4];
        var after = await index.SearchAsync(query with { After = UserTaskIndex.CursorOf(middle, query.Sort, query.Descending) }, CancellationToken.None);
        var before = await index.SearchAsync(query with { Before = UserTaskIndex.CursorOf(middle, query.Sort, query.Descending) }, CancellationToken.None);

        var expected = TaskIndexTesting.Keys(Oracle(tasks, query.Filter, query.Sort, query.Descending));
        Assert.Equal(expected[5..15], TaskIndexTesting.Keys(after.Items));
        Assert.Equal(expected[..4], TaskIndexTesting.Keys(before.Items));
        Assert.Equal(page.EndCursor, UserTaskIndex.CursorOf(page.Items[^1], query.Sort, query.Descending));
    }

    [Fact(Timeout = 60_000)]
    public async Task Paging_TasksAddedBehindTheCursorMeanwhile_NeitherRepeatNorShiftLaterPages()
    {
        var (_, index) = await NewIndexAsync(azurite);
        var tasks = Enumerable.Range(1, 120).Select(k => NewTask(k)).ToList();
        await ProjectAllAsync(index, tasks);
        var query = new UserTaskQuery(new UserTaskFilter(), Limit: 37);

        var seen = await PageForwardAsync(index, query, async page =>
        {
            // Earlier creation dates than every task so far: they sort before the cursor.
            await index.ProjectAsync(NewTask(1_000 + page, t => t with { CreationDate = Epoch.AddDays(-1 - page) }), CancellationToken.None);
        });

        Assert.Equal(TaskIndexTesting.Keys(tasks), TaskIndexTesting.Keys(seen.Items));
    }

    [Fact(Timeout = 60_000)]
    public async Task Paging_HotCandidateGroup_IsShardedAndStillPagedInOrder()
    {
        var (hub, index) = await NewIndexAsync(azurite);
        var tasks = Enumerable.Range(1, 100).Select(k => NewTask(k, t => t with
        {
            CandidateGroups = ["hot"],
            Priority = k % 4 * 10,
            CreationDate = Epoch.AddMinutes(k % 10),
        })).ToList();
        await ProjectAllAsync(index, tasks);
        var filter = new UserTaskFilter { CandidateGroup = "hot" };

        var byCreation = await PageForwardAsync(index, new UserTaskQuery(filter, Limit: 7));
        var byPriority = await PageForwardAsync(index, new UserTaskQuery(filter, UserTaskSortField.Priority, Descending: true, Limit: 7));
        var shardSizes = new List<int>();
        foreach (var shard in Enumerable.Range(0, IndexKeys.ShardCount))
        {
            var rows = 0;
            var pk = IndexKeys.Partition(UserTask.DefaultTenantId, UserTaskState.Created, IndexDimension.CandidateGroup, "hot", shard);
            await foreach (var _ in hub.TaskIndex.QueryAsync(TableFilter.PartitionKey.Eq(pk), select: [TableEntity.RowKeyName]))
            {
                rows++;
            }

            shardSizes.Add(rows / SortKeys.AllOrders.Count);
        }

        Assert.Equal(TaskIndexTesting.Keys(Oracle(tasks, filter)), TaskIndexTesting.Keys(byCreation.Items));
        Assert.Equal(TaskIndexTesting.Keys(Oracle(tasks, filter, UserTaskSortField.Priority, descending: true)), TaskIndexTesting.Keys(byPriority.Items));
        Assert.Equal(4, IndexKeys.ShardCount);
        Assert.Equal([25, 25, 25, 25], shardSizes);
    }
}
