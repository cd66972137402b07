using System.Collections.Concurrent;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// A cache with a fixed capacity; past it the oldest entries are dropped first. Deployed definitions never change,
/// so for them there is nothing to invalidate, only memory to bound (<see cref="GetOrAdd"/>). Caches of values that
/// do change (the task index's manifests) replace and drop entries (<see cref="Set"/>, <see cref="Remove"/>) and
/// must treat a hit as a guess they verify.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();
    private readonly ConcurrentQueue<TKey> _order = new();

    public int Count => _values.Count;

    public bool TryGet(TKey key, out TValue value) => _values.TryGetValue(key, out value!);

    /// <summary>Adds <paramref name="value"/> unless the key is cached already; returns the cached value either way.</summary>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        var cached = _values.GetOrAdd(key, value);
        if (ReferenceEquals(cached, value))
        {
            Added(key);
        }

        return cached;
    }

    /// <summary>Adds or replaces the value of <paramref name="key"/> (a replaced entry keeps its place in the order).</summary>
    public void Set(TKey key, TValue value)
    {
        var added = false;
        _values.AddOrUpdate(key, _ => { added = true; return value; }, (_, _) => { added = false; return value; });
        if (added)
        {
            Added(key);
        }
    }

    /// <summary>Drops the entry of <paramref name="key"/>, if any.</summary>
    public void Remove(TKey key) => _values.TryRemove(key, out _);

    private void Added(TKey key)
    {
        _order.Enqueue(key);
        // A key removed and added again is queued twice; bounding the queue too keeps that from growing it without
        // limit. Dropping an entry early only costs a miss.
        while ((_values.Count > capacity || _order.Count > 2 * capacity) && _order.TryDequeue(out var oldest))
        {
            _values.TryRemove(oldest, out _);
        }
    }
}
