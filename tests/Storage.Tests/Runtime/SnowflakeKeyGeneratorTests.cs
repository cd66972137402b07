using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class SnowflakeKeyGeneratorTests(AzuriteFixture azurite)
{
    private async Task<TaskHub> NewHubAsync()
    {
        var hub = new TaskHub(new TableServiceClient(azurite.ConnectionString), "H" + Guid.NewGuid().ToString("N")[..10]);
        await hub.CreateTablesAsync();
        return hub;
    }

    [Fact(Timeout = 30_000)]
    public async Task NextKey_FourGeneratorsOnOneHub_UniqueAndIncreasingPerHost()
    {
        var hub = await NewHubAsync();
        var generators = Enumerable.Range(0, 4).Select(_ => new SnowflakeKeyGenerator(hub, TimeProvider.System)).ToList();
        await Task.WhenAll(generators.Select(g => g.EnsureLeaseAsync()));

        var keys = await Task.WhenAll(generators.Select(g => Task.Run(() => Enumerable.Range(0, 20_000).Select(_ => g.NextKey()).ToList())));

        Assert.Equal(4, generators.Select(g => g.Slot).Distinct().Count());
        Assert.Equal(80_000, keys.SelectMany(k => k).Distinct().Count());
        Assert.All(keys, list => Assert.True(list.Zip(list.Skip(1)).All(p => p.First < p.Second)));
        Assert.All(keys.SelectMany(k => k), key => Assert.True(key > 0));
    }

    [Fact(Timeout = 30_000)]
    public async Task NextKey_ClockGoesBackwards_KeysStillIncrease()
    {
        var hub = await NewHubAsync();
        var clock = new ManualTimeProvider();
        var generator = new SnowflakeKeyGenerator(hub, clock);
        await generator.EnsureLeaseAsync();
        var before = generator.NextKey();

        clock.SetUtcNow(clock.GetUtcNow() - TimeSpan.FromSeconds(30));
        var after = Enumerable.Range(0, 10_000).Select(_ => generator.NextKey()).ToList();

        Assert.True(after[0] > before);
        Assert.True(after.Zip(after.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact(Timeout = 30_000)]
    public async Task NextKey_LeaseExpiredWithoutRenewal_Refuses()
    {
        var hub = await NewHubAsync();
        var clock = new ManualTimeProvider();
        var generator = new SnowflakeKeyGenerator(hub, clock, TimeSpan.FromSeconds(30));
        await generator.EnsureLeaseAsync();

        clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Throws<KeyGeneratorUnavailableException>(() => generator.NextKey());
    }

    [Fact(Timeout = 30_000)]
    public async Task Renew_SlotTakenByAnotherHost_MovesToAnotherSlotWithIncreasingKeys()
    {
        var hub = await NewHubAsync();
        var clock = new ManualTimeProvider();
        var generator = new SnowflakeKeyGenerator(hub, clock);
        await generator.EnsureLeaseAsync();
        var slot = generator.Slot!.Value;
        var last = generator.NextKey();
        var row = (await hub.Keys.GetEntityAsync(SnowflakeKeyGenerator.LeasePartition, slot.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).Value;
        row["Owner"] = "someone-else";
        await hub.Keys.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        await generator.RenewAsync();

        Assert.NotNull(generator.Slot);
        Assert.NotEqual(slot, generator.Slot);
        Assert.True(generator.NextKey() > last);
    }

    [Fact(Timeout = 30_000)]
    public async Task Acquire_ExpiredSlotOfAnotherHost_StartsAfterItsExpiry()
    {
        var hub = await NewHubAsync();
        var clock = new ManualTimeProvider();
        var old = new SnowflakeKeyGenerator(hub, clock, TimeSpan.FromSeconds(10));
        await old.EnsureLeaseAsync();
        var oldKey = old.NextKey();
        // Every other slot is taken, so the newcomer can only get the old host's slot once it expired.
        for (var slot = 0; slot < SnowflakeKeyGenerator.SlotCount; slot++)
        {
            if (slot != old.Slot)
            {
                await hub.Keys.UpsertEntityAsync(new TableEntity(SnowflakeKeyGenerator.LeasePartition, slot.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
                {
                    ["Owner"] = "busy",
                    ["ExpiresAt"] = clock.GetUtcNow().AddYears(1),
                });
            }
        }

        // The newcomer's clock runs 11 s ahead, so it takes the slot while the old host still holds it by its own
        // clock: keys stay unique because the newcomer starts after the expiry the old host wrote.
        var newcomer = new SnowflakeKeyGenerator(hub, new ManualTimeProvider(clock.GetUtcNow() + TimeSpan.FromSeconds(11)));
        await newcomer.EnsureLeaseAsync();
        var oldKeys = Enumerable.Range(0, 1000).Select(_ => old.NextKey()).ToList();
        var newKeys = Enumerable.Range(0, 1000).Select(_ => newcomer.NextKey()).ToList();
        var third = new SnowflakeKeyGenerator(hub, clock);

        Assert.Equal(old.Slot, newcomer.Slot);
        Assert.True(newKeys.Min() > oldKeys.Max());
        Assert.True(newKeys.Min() > oldKey);
        await Assert.ThrowsAsync<KeyGeneratorUnavailableException>(() => third.EnsureLeaseAsync());
    }
}
