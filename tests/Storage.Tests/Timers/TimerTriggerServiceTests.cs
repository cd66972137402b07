using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.Timers;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.Timers.TimerTestHub;

namespace TaskFunctions.Storage.Tests.Timers;

[Collection(AzuriteCollection.Name)]
public sealed class TimerTriggerServiceTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_DueAndFutureTimers_FiresOnlyDueOnesOldestFirst()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var sink = new RecordingTimerSink();
        var service = Service(hub, sink, clock, "host-a", new TimerTriggerOptions { MaxConcurrency = 1 });
        DurableTimer[] due = [Timer(3, "3:a", Start.AddHours(-2)), Timer(1, "1:b", Start.AddMinutes(-1)), Timer(2, "2:c", Start)];
        DurableTimer[] future = [Timer(4, "4:d", Start.AddSeconds(1)), Timer(5, "5:e", Start.AddMinutes(2))];
        foreach (var timer in future.Concat(due).Reverse())
        {
            await store.ScheduleAsync(timer, CancellationToken.None);
        }

        var fired = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, fired);
        Assert.Equal(due, sink.Fired);
        Assert.Equal(future, await DueAsync(store, Start.AddDays(1)));
    }

    [Fact(Timeout = 60_000)]
    public async Task RunOnceAsync_TwoHostsAtOnceOn200DueTimers_FireEachExactlyOnce()
    {
        var hub = await CreateAsync(azurite);
        var clock = new ManualTimeProvider(Start);
        var timers = Enumerable.Range(1, 200).Select(i => Timer(1000 + i, $"{i}:t", Start.AddSeconds(-(i % 90)))).ToList();
        await Parallel.ForEachAsync(
            timers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, (t, ct) => new ValueTask(new TimerStore(hub).ScheduleAsync(t, ct)));
        var sinkA = new RecordingTimerSink();
        var sinkB = new RecordingTimerSink();
        var hostA = Service(Connect(azurite, hub.Name), sinkA, clock, "host-a");
        var hostB = Service(Connect(azurite, hub.Name), sinkB, clock, "host-b");

        var counts = await Task.WhenAll(
            Task.Run(() => hostA.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => hostB.RunOnceAsync(CancellationToken.None)));

        var all = sinkA.Fired.Concat(sinkB.Fired).ToList();
        Assert.Equal(200, counts.Sum());
        Assert.Equal(200, all.Count);
        Assert.Equal(timers.OrderBy(t => t.TimerId), all.OrderBy(t => t.TimerId));
        Assert.Equal(200, sinkA.Calls + sinkB.Calls);
        Assert.Equal(0, await new TimerStore(hub).CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_SinkFails_TimerStaysClaimedAndFiresAgainAfterClaimExpires()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var sink = new RecordingTimerSink();
        var options = new TimerTriggerOptions { ClaimDuration = TimeSpan.FromMinutes(1) };
        var service = Service(hub, sink, clock, "host-a", options);
        var timer = Timer(8, "8:due", Start.AddSeconds(-5));
        await store.ScheduleAsync(timer, CancellationToken.None);
        sink.FailNext(timer.TimerId);

        var firstTick = await service.RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(59));
        var withinClaim = await service.RunOnceAsync(CancellationToken.None);
        var row = await hub.Timers.QueryAsync(TableFilter.All).FirstAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterClaim = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, 0, 1), (firstTick, withinClaim, afterClaim));
        Assert.Equal("host-a", row.GetString("ClaimedBy"));
        Assert.Equal(2, sink.Calls);
        Assert.Equal([timer], sink.Fired);
        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_AfterHoursOfDowntime_FiresEachMissedTimerOnce()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var sink = new RecordingTimerSink();
        var service = Service(hub, sink, clock, "host-a", new TimerTriggerOptions { MaxConcurrency = 1 });
        DurableTimer[] missed =
        [
            Timer(1, "1:a", Start.AddSeconds(10)),
            Timer(2, "2:b", Start.AddMinutes(30)),
            Timer(3, "3:c", Start.AddHours(1).AddMinutes(15)),
            Timer(4, "4:d", Start.AddHours(2).AddMinutes(59).AddSeconds(59)),
        ];
        var later = Timer(5, "5:e", Start.AddHours(5));
        foreach (var timer in missed.Append(later))
        {
            await store.ScheduleAsync(timer, CancellationToken.None);
        }

        var beforeDowntime = await service.RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(3));
        var catchUp = await service.RunOnceAsync(CancellationToken.None);
        var nextTick = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, 4, 0), (beforeDowntime, catchUp, nextTick));
        Assert.Equal(missed, sink.Fired);
        Assert.Equal([later], await DueAsync(store, Start.AddDays(1)));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_TimerClaimedByAnotherHost_IsSkippedUntilTheClaimExpires()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var sink = new RecordingTimerSink();
        var service = Service(hub, sink, clock, "host-a");
        var timer = Timer(6, "6:t", Start.AddSeconds(-1));
        await store.ScheduleAsync(timer, CancellationToken.None);
        await ClaimAsync(hub, "host-b", Start.AddSeconds(30));

        var whileClaimed = await service.RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterExpiry = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, 1), (whileClaimed, afterExpiry));
        Assert.Equal(1, sink.Calls);
        Assert.Equal([timer], sink.Fired);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_StaleClaimOfAHostThatDied_FiresAtOnce()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var sink = new RecordingTimerSink();
        var service = Service(hub, sink, clock, "host-a");
        var timer = Timer(6, "6:t", Start.AddMinutes(-10));
        await store.ScheduleAsync(timer, CancellationToken.None);
        await ClaimAsync(hub, "host-gone", Start.AddMinutes(-9));

        var fired = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, fired);
        Assert.Equal([timer], sink.Fired);
        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_MoreDueTimersThanBatchSize_FiresThemAllInOneTick()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var sink = new RecordingTimerSink();
        var service = Service(hub, sink, clock, "host-a", new TimerTriggerOptions { BatchSize = 3, MaxConcurrency = 1 });
        var timers = Enumerable.Range(1, 10).Select(i => Timer(i, $"{i}:t", Start.AddSeconds(-100 + i))).ToList();
        foreach (var timer in timers)
        {
            await store.ScheduleAsync(timer, CancellationToken.None);
        }

        var fired = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal(10, fired);
        Assert.Equal(timers, sink.Fired);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_TimerRescheduledWithNewTokenWhileFiring_FiresTheNewTokenAfterTheClaim()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var timer = Timer(2, "2:due", Start);
        var sink = new RecordingTimerSink();
        sink.OnFire = t => t.Token == timer.Token ? store.ScheduleAsync(t with { Token = "fresh" }, CancellationToken.None) : Task.CompletedTask;
        var service = Service(hub, sink, clock, "host-a");
        await store.ScheduleAsync(timer, CancellationToken.None);

        var first = await service.RunOnceAsync(CancellationToken.None);
        var remaining = await store.CountAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var second = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 1, 1), (first, remaining, second));
        Assert.Equal([timer, timer with { Token = "fresh" }], sink.Fired);
        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnceAsync_TimerCanceledWhileFiring_CountsAsFiredAndLeavesNoRow()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new ManualTimeProvider(Start);
        var timer = Timer(2, "2:due", Start);
        var sink = new RecordingTimerSink { OnFire = t => store.CancelAsync(t.ProcessInstanceKey, t.TimerId, t.DueAt, CancellationToken.None) };
        var service = Service(hub, sink, clock, "host-a");
        await store.ScheduleAsync(timer, CancellationToken.None);

        var fired = await service.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, fired);
        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("every minute")]
    [InlineData("0 0 0 * * 7")]
    [InlineData("* * * *")]
    public void Constructor_InvalidSchedule_ThrowsNamingTheSetting(string schedule)
    {
        var hub = Connect(azurite, NewHubName());

        var error = Assert.Throws<InvalidTimerScheduleException>(() =>
            Service(hub, new RecordingTimerSink(), TimeProvider.System, "h", new TimerTriggerOptions { Schedule = schedule }));

        Assert.Equal("extensions:taskFunctions:timers:schedule", error.Setting);
        Assert.Contains("extensions:taskFunctions:timers:schedule", error.Message, StringComparison.Ordinal);
        Assert.Contains(schedule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_HostJsonSection_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:taskFunctions:timers:schedule"] = "0 */1 * * * *",
            ["extensions:taskFunctions:timers:maxConcurrency"] = "3",
            ["extensions:taskFunctions:timers:claimDuration"] = "00:02:30",
            ["extensions:taskFunctions:timers:batchSize"] = "50",
        }).Build();

        var options = TimerTriggerOptions.FromConfiguration(configuration);

        Assert.Equal(("0 */1 * * * *", 3, TimeSpan.FromSeconds(150), 50), (options.Schedule, options.MaxConcurrency, options.ClaimDuration, options.BatchSize));
    }

    [Fact]
    public void FromConfiguration_NoSection_KeepsDefaults()
    {
        var options = TimerTriggerOptions.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal(("*/5 * * * * *", 8, TimeSpan.FromMinutes(1), 500), (options.Schedule, options.MaxConcurrency, options.ClaimDuration, options.BatchSize));
    }

    [Fact]
    public void AddHostedService_WithItsDependencies_ResolvesWithAGeneratedHostId()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new ManualTimeProvider(Start))
            .AddSingleton(TimerTriggerOptions.FromConfiguration(new ConfigurationBuilder().Build()))
            .AddSingleton(new TimerStore(Connect(azurite, NewHubName())))
            .AddSingleton<ITimerSink, RecordingTimerSink>()
            .AddHostedService<TimerTriggerService>();
        using var provider = services.BuildServiceProvider();

        var service = Assert.IsType<TimerTriggerService>(Assert.Single(provider.GetServices<IHostedService>()));

        Assert.False(string.IsNullOrWhiteSpace(service.HostId));
    }

    [Fact(Timeout = 30_000)]
    public async Task ExecuteAsync_EveryFiveSeconds_TicksOnlyWhenTheClockReachesTheSchedule()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new TimerClock(Start);
        var sink = new RecordingTimerSink();
        using var service = Service(hub, sink, clock, "host-a");
        var first = Timer(1, "1:t", Start.AddSeconds(2));
        var second = Timer(2, "2:t", Start.AddSeconds(7));
        await store.ScheduleAsync(first, CancellationToken.None);
        await store.ScheduleAsync(second, CancellationToken.None);

        await service.StartAsync(CancellationToken.None);
        await clock.WaitForTimerAsync(Wait);
        clock.Advance(TimeSpan.FromSeconds(4));
        var beforeFirstTick = sink.Calls;
        clock.Advance(TimeSpan.FromSeconds(1));
        await sink.WaitForAsync(1, Wait);
        await clock.WaitForTimerAsync(Wait);
        var afterFirstTick = sink.Fired;
        clock.Advance(TimeSpan.FromSeconds(5));
        await sink.WaitForAsync(2, Wait);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(0, beforeFirstTick);
        Assert.Equal([first], afterFirstTick);
        Assert.Equal([first, second], sink.Fired);
    }

    [Fact(Timeout = 30_000)]
    public async Task ExecuteAsync_TickFails_LogsItAndRunsTheNextTick()
    {
        var hub = Connect(azurite, NewHubName());
        var clock = new TimerClock(Start);
        var sink = new RecordingTimerSink();
        var logger = new RecordingLogger<TimerTriggerService>();
        using var service = Service(hub, sink, clock, "host-a", logger: logger);

        await service.StartAsync(CancellationToken.None);
        await clock.WaitForTimerAsync(Wait);
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => logger.Has(7104));
        await clock.WaitForTimerAsync(Wait);
        await hub.CreateTablesAsync();
        var timer = Timer(1, "1:t", clock.GetUtcNow());
        await new TimerStore(hub).ScheduleAsync(timer, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        await sink.WaitForAsync(1, Wait);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([timer], sink.Fired);
    }

    [Fact(Timeout = 30_000)]
    public async Task ExecuteAsync_LongTick_DelaysTheNextTickWithoutOverlap()
    {
        var hub = await CreateAsync(azurite);
        var store = new TimerStore(hub);
        var clock = new TimerClock(Start);
        var sink = new RecordingTimerSink();
        using var service = Service(hub, sink, clock, "host-a");
        var slow = Timer(1, "1:slow", Start.AddSeconds(1));
        var late = Timer(2, "2:late", Start.AddSeconds(6));
        await store.ScheduleAsync(slow, CancellationToken.None);
        await service.StartAsync(CancellationToken.None);
        await clock.WaitForTimerAsync(Wait);
        sink.Block();

        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => sink.Calls == 1);
        await store.ScheduleAsync(late, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(20));
        var sleepingDuringTick = clock.PendingTimers;
        sink.Release();
        await sink.WaitForAsync(1, Wait);
        await clock.WaitForTimerAsync(Wait);
        var callsBeforeNextTick = sink.Calls;
        clock.Advance(TimeSpan.FromSeconds(5));
        await sink.WaitForAsync(2, Wait);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(0, sleepingDuringTick);
        Assert.Equal(1, callsBeforeNextTick);
        Assert.Equal([slow, late], sink.Fired);
    }

    private static async Task ClaimAsync(TaskHub hub, string hostId, DateTimeOffset until)
    {
        var row = await hub.Timers.QueryAsync(TableFilter.All).FirstAsync();
        await hub.Timers.UpdateEntityAsync(
            new TableEntity(row.PartitionKey!, row.RowKey!) { ["ClaimedBy"] = hostId, ["ClaimedUntil"] = until }, ETag.All);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(5);
        }
    }
}
