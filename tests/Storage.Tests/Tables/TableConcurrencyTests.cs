using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableConcurrencyTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task UpdateEntity_40ParallelWritersWithSameETag_ExactlyOneWins()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var etag = (await table.AddEntityAsync(new TableEntity("wf", "task") { ["Assignee"] = "nobody" })).Value;

        var attempts = Enumerable.Range(0, 40).Select(async i =>
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity("wf", "task") { ["Assignee"] = $"user{i}" }, etag);
                return $"user{i}";
            }
            catch (TableRequestFailedException e) when (e.Kind == TableErrorKind.PreconditionFailed)
            {
                return null;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(39, outcomes.Count(o => o is null));
        Assert.Equal(winner, (await table.GetEntityAsync("wf", "task")).Value.GetString("Assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Transaction_20ParallelCommitsGuardedBySameETag_ExactlyOneApplies()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var etag = (await table.AddEntityAsync(new TableEntity("wf", "instance") { ["Version"] = 1 })).Value;

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateMerge, new TableEntity("wf", "instance") { ["Version"] = 2 }, etag),
                    new(TableTransactionActionType.Add, new TableEntity("wf", $"history-{i:D3}")),
                ]);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Kind == TableErrorKind.PreconditionFailed)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o);
        Assert.Equal(2, (await table.QueryAsync().ToListAsync()).Count);
    }
}
