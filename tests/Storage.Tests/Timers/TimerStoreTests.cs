using Azure;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.Timers;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.Timers.TimerTestHub;

namespace TaskFunctions.Storage.Tests.Timers;

[Collection(AzuriteCollection.Name)]
public sealed class TimerStoreTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task ScheduleAsync_NewTimer_WritesDocumentedRow()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var dueAt = new DateTimeOffset(2026, 1, 5, 9, 7, 30, 123, TimeSpan.Zero).AddTicks(4567);

        await store.ScheduleAsync(new DurableTimer(42, "2251799813685249:due", dueAt, "tok-1", ScheduledTimerKind.DueDate), CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var row in hub.Timers.QueryAsync(TableFilter.All))
        {
            rows.Add(row);
        }

        var entity = Assert.Single(rows);
        Assert.Equal("202601050907", entity.PartitionKey);
        Assert.Equal($"{dueAt.UtcTicks:D19}-42-2251799813685249:due", entity.RowKey);
        Assert.Equal(42L, entity["ProcessInstanceKey"]);
        Assert.Equal("2251799813685249:due", entity.GetString("TimerId"));
        Assert.Equal("tok-1", entity.GetString("Token"));
        Assert.Equal("DueDate", entity.GetString("Kind"));
        Assert.Equal(dueAt.UtcDateTime, entity.GetDateTimeOffset("DueAt")!.Value.UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Null(entity.GetString("ClaimedBy"));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScheduleAsync_SameTimerTwice_KeepsOneUnchangedRow()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var timer = Timer(7, "7:boundary", Start.AddMinutes(5));
        await store.ScheduleAsync(timer, CancellationToken.None);
        var before = (await hub.Timers.QueryAsync(TableFilter.All).FirstAsync()).ETag;

        await store.ScheduleAsync(timer, CancellationToken.None);

        var after = await hub.Timers.QueryAsync(TableFilter.All).FirstAsync();
        Assert.Equal(1, await store.CountAsync(CancellationToken.None));
        Assert.Equal(before, after.ETag);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScheduleAsync_SameKeyWithNewToken_RefreshesToken()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var timer = Timer(7, "7:boundary", Start);
        await store.ScheduleAsync(timer, CancellationToken.None);

        await store.ScheduleAsync(timer with { Token = "fresh", Kind = ScheduledTimerKind.FollowUp }, CancellationToken.None);

        var stored = Assert.Single(await DueAsync(store, Start));
        Assert.Equal(timer with { Token = "fresh", Kind = ScheduledTimerKind.FollowUp }, stored);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScheduleAsync_ConcurrentIdenticalSchedules_StoreOneRow()
    {
        var hub = await CreateAsync(azurite);
        var timer = Timer(9, "9:catch", Start);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => new TimerStore(Connect(azurite, hub.Name)).ScheduleAsync(timer, CancellationToken.None)));

        Assert.Equal([timer], await DueAsync(new TimerStore(hub), Start));
    }

    [Fact(Timeout = 30_000)]
    public async Task CancelAsync_ScheduledTimer_RemovesIt()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var keep = Timer(1, "1:keep", Start);
        var drop = Timer(1, "1:drop", Start);
        await store.ScheduleAsync(keep, CancellationToken.None);
        await store.ScheduleAsync(drop, CancellationToken.None);

        await store.CancelAsync(1, "1:drop", Start, CancellationToken.None);

        Assert.Equal([keep], await DueAsync(store, Start));
    }

    [Fact(Timeout = 30_000)]
    public async Task CancelAsync_MissingTimerOrOtherDueTime_IsANoOp()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var timer = Timer(1, "1:t", Start);
        await store.ScheduleAsync(timer, CancellationToken.None);

        await store.CancelAsync(1, "1:never", Start, CancellationToken.None);
        await store.CancelAsync(1, "1:t", Start.AddSeconds(1), CancellationToken.None);
        await store.CancelAsync(1, "1:t", Start, CancellationToken.None);
        await store.CancelAsync(1, "1:t", Start, CancellationToken.None);

        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task QueryDueAsync_TimersAcrossMinutesAndHours_ReturnsOnlyDueOnesOldestFirst()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var now = Start.AddMinutes(30).AddSeconds(20);
        DurableTimer[] due =
        [
            Timer(5, "a", Start.AddDays(-2)),
            Timer(3, "b", Start.AddHours(-1)),
            Timer(1, "c", Start.AddMinutes(29).AddSeconds(59)),
            Timer(2, "d", now.AddSeconds(-20)),
            Timer(4, "e", now),
        ];
        DurableTimer[] future =
        [
            Timer(6, "f", now.AddTicks(1)),
            Timer(7, "g", now.AddSeconds(30)),
            Timer(8, "h", now.AddMinutes(1)),
            Timer(9, "i", now.AddDays(3)),
        ];
        foreach (var timer in future.Concat(due).Reverse())
        {
            await store.ScheduleAsync(timer, CancellationToken.None);
        }

        var result = await DueAsync(store, now);

        Assert.Equal(due, result);
        Assert.Equal(9, await store.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task QueryDueAsync_Max_StopsAfterTheOldest()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var timers = Enumerable.Range(1, 5).Select(i => Timer(i, "t" + i, Start.AddSeconds(-i))).ToList();
        foreach (var timer in timers)
        {
            await store.ScheduleAsync(timer, CancellationToken.None);
        }

        var result = await DueAsync(store, Start, max: 2);

        Assert.Equal([timers[4], timers[3]], result);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("a/b\\c#d?e")]
    [InlineData("100%-sure %41")]
    [InlineData("tab\there\u0001\u007f\u0085")]
    [InlineData("quote's \"double\" ü 日本 😀")]
    [InlineData("12:due-12-34")]
    public async Task ScheduleAsync_TimerIdWithOddCharacters_RoundTripsAndCancels(string timerId)
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var timer = Timer(12, timerId, Start);
        var neighbour = Timer(12, timerId + "x", Start);
        await store.ScheduleAsync(timer, CancellationToken.None);
        await store.ScheduleAsync(neighbour, CancellationToken.None);

        var stored = await DueAsync(store, Start);
        await store.CancelAsync(12, timerId, Start, CancellationToken.None);

        Assert.Contains(timer, stored);
        Assert.Equal([neighbour], await DueAsync(store, Start));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScheduleAsync_DueAtWithOffsetAndSubMillisecondTicks_ComesBackExactInUtc()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var local = new DateTimeOffset(2026, 1, 5, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(12_345);

        await store.ScheduleAsync(Timer(3, "3:x", local), CancellationToken.None);

        var stored = Assert.Single(await DueAsync(store, Start.AddTicks(12_345)));
        Assert.Equal(local.UtcTicks, stored.DueAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.DueAt.Offset);
        Assert.Empty(await DueAsync(store, Start.AddTicks(12_344)));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScheduleAsync_InvalidTimer_IsRejectedBeforeWriting()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);

        await Assert.ThrowsAsync<ArgumentException>(() => store.ScheduleAsync(Timer(0, "t", Start), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ScheduleAsync(Timer(1, "", Start), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ScheduleAsync(Timer(1, new string('x', 500), Start), CancellationToken.None));
        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScheduleAsync_ClaimedRowScheduledWithNewToken_KeepsTheClaim()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var timer = Timer(4, "4:t", Start);
        await store.ScheduleAsync(timer, CancellationToken.None);
        var row = await hub.Timers.QueryAsync(TableFilter.All).FirstAsync();
        await hub.Timers.UpdateEntityAsync(
            new TableEntity(row.PartitionKey!, row.RowKey!) { ["ClaimedBy"] = "host-a", ["ClaimedUntil"] = Start.AddMinutes(1) }, ETag.All);

        await store.ScheduleAsync(timer with { Token = "fresh" }, CancellationToken.None);

        var after = await hub.Timers.QueryAsync(TableFilter.All).FirstAsync();
        Assert.Equal("fresh", after.GetString("Token"));
        Assert.Equal("host-a", after.GetString("ClaimedBy"));
    }
}
