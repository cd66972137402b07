using System.Collections.Concurrent;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// A cache of immutable values with a fixed capacity; past it the oldest entries are dropped first. Deployed
/// definitions never change, so there is nothing to invalidate, only memory to bound.
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
            _order.Enqueue(key);
            while (_values.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _values.TryRemove(oldest, out _);
            }
        }

        return cached;
    }
}
