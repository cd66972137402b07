using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Storage.Tests.Definitions;

public sealed class BoundedCacheTests
{
    [Fact]
    public void GetOrAdd_PastCapacity_DropsOldestFirst()
    {
        var cache = new BoundedCache<int, string>(capacity: 2);

        cache.GetOrAdd(1, "one");
        cache.GetOrAdd(2, "two");
        cache.GetOrAdd(3, "three");

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet(1, out _));
        Assert.True(cache.TryGet(3, out var three));
        Assert.Equal("three", three);
    }

    [Fact]
    public void GetOrAdd_KeyAlreadyCached_KeepsAndReturnsTheFirstValue()
    {
        var cache = new BoundedCache<int, string>(capacity: 2);
        var first = new string('a', 3);

        cache.GetOrAdd(1, first);
        var returned = cache.GetOrAdd(1, new string('a', 3));

        Assert.Same(first, returned);
    }

    [Fact]
    public void Set_KeyCached_ReplacesTheValueAndKeepsItsPlace()
    {
        var cache = new BoundedCache<int, string>(capacity: 2);
        cache.Set(1, "one");
        cache.Set(2, "two");

        cache.Set(1, "uno");
        cache.Set(3, "three");

        Assert.False(cache.TryGet(1, out _));
        Assert.True(cache.TryGet(2, out _));
        Assert.True(cache.TryGet(3, out _));
    }

    [Fact]
    public void Remove_ThenSetAgainManyTimes_StaysWithinCapacity()
    {
        var cache = new BoundedCache<int, string>(capacity: 2);
        cache.Set(1, "one");
        cache.Set(2, "two");

        for (var i = 0; i < 1000; i++)
        {
            cache.Remove(1);
            cache.Set(1, "one");
        }

        Assert.True(cache.Count <= 2);
        Assert.True(cache.TryGet(1, out var one));
        Assert.Equal("one", one);
    }
}
