using System.Text.Json.Nodes;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class LargeCommandTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task Start_ThreeHundredTasksFailingAtMiddleBatch_NothingVisibleAndRetrySucceeds()
    {
        var h = await RuntimeHarness.CreateAsync(azurite, maxRetries: 0);
        var process = await h.DeployAsync(Processes.ManyTasks());
        var variables = new JsonObject { ["items"] = new JsonArray(Enumerable.Range(1, 300).Select(i => (JsonNode)i).ToArray()) };
        // A clean run on another instance shows where the transactions are: staging batches, then the final one.
        h.Faults.Reset();
        await h.Processor.StartInstanceAsync(process, variables, Caller.Anonymous);
        var requests = h.Faults.Requests.ToList();
        var commitEnd = requests.FindIndex(r => r.Contains("TaskIndex", StringComparison.Ordinal));
        var batches = requests.Take(commitEnd).Select((r, i) => (r, i)).Where(x => x.r.Contains("$batch", StringComparison.Ordinal)).Select(x => x.i + 1).ToList();
        Assert.True(batches.Count >= 3, $"expected staging batches, got {batches.Count}");
        var before = await InstanceKeysAsync(h);
        var indexedBefore = (await h.Index.CountAsync(new UserTaskFilter(), CancellationToken.None)).Count;

        h.Faults.Reset(batches[batches.Count / 2], FaultKind.Fail);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => h.Processor.StartInstanceAsync(process, variables, Caller.Anonymous));
        await h.SweepAsync();

        Assert.Equal(before, await InstanceKeysAsync(h));
        Assert.Equal(indexedBefore, (await h.Index.CountAsync(new UserTaskFilter(), CancellationToken.None)).Count);

        var retried = await h.Processor.StartInstanceAsync(process, variables, Caller.Anonymous);
        Assert.True(retried.IsSuccess, retried.Error?.ToString());
        var instance = (await h.Store.ReadAllAsync(retried.ProcessInstanceKey))!.Instance;
        Assert.Equal(300, instance.UserTasks.Values.Count(t => t.IsOpen));
        Assert.Equal(300, (await h.IndexedTasksAsync(retried.ProcessInstanceKey, UserTaskState.Created)).Count);
        var history = await h.Store.ReadHistoryAsync(retried.ProcessInstanceKey);
        Assert.Equal(instance.State.Sequence, history.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Index_FiveHundredTasksOfOneInstance_PagesThroughAll()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ManyTasks());
        var variables = new JsonObject { ["items"] = new JsonArray(Enumerable.Range(1, 500).Select(i => (JsonNode)i).ToArray()) };

        var started = await h.Processor.StartInstanceAsync(process, variables, Caller.Anonymous);

        Assert.True(started.IsSuccess, started.Error?.ToString());
        var pages = await h.IndexedTasksAsync(started.ProcessInstanceKey, UserTaskState.Created, pageSize: 100);
        Assert.Equal(500, pages.Select(t => t.UserTaskKey).Distinct().Count());
        var instance = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance;
        Assert.Equal(instance.UserTasks.Keys.Order(), pages.Select(t => t.UserTaskKey).Order());
    }

    private static async Task<HashSet<long>> InstanceKeysAsync(RuntimeHarness h)
    {
        var keys = new HashSet<long>();
        await foreach (var row in h.Hub.Instances.QueryAsync(TableFilter.Property(TableEntity.RowKeyName).Eq(InstanceRows.InstanceRowKey)))
        {
            keys.Add(long.Parse(row.PartitionKey!, System.Globalization.CultureInfo.InvariantCulture));
        }

        return keys;
    }
}
