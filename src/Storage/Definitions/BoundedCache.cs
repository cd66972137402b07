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
    private readonly ConcurrentDictionary<TKey, Entry> _values = new();

    // Entries in the order they were added. An entry removed (or dropped) stays queued until it comes up; it is
    // recognised by reference then and skipped, so a key added again is not dropped for its old place.
    private readonly ConcurrentQueue<(TKey Key, Entry Entry)> _order = new();

    public int Count => _values.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_values.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>Adds <paramref name="value"/> unless the key is cached already; returns the cached value either way.</summary>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        var entry = new Entry(value);
        var cached = _values.GetOrAdd(key, entry);
        if (ReferenceEquals(cached, entry))
        {
            Added(key, entry);
        }

        return cached.Value;
    }

    /// <summary>Adds or replaces the value of <paramref name="key"/> (a replaced entry keeps its place in the order).</summary>
    public void Set(TKey key, TValue value)
    {
        while (true)
        {
            if (_values.TryGetValue(key, out var existing))
            {
                existing.Value = value;
                return;
            }

            var entry = new Entry(value);
            if (_values.TryAdd(key, entry))
            {
                Added(key, entry);
                return;
            }
        }
    }

    /// <summary>Drops the entry of <paramref name="key"/>, if any.</summary>
    public void Remove(TKey key) => _values.TryRemove(key, out _);

    private void Added(TKey key, Entry entry)
    {
        _order.Enqueue((key, entry));
        // Past the capacity the oldest live entry goes; removed entries still queued are bounded by the second
        // condition, so the queue cannot grow without limit either.
        while ((_values.Count > capacity || _order.Count > 2 * capacity) && _order.TryDequeue(out var oldest))
        {
            _values.TryRemove(new KeyValuePair<TKey, Entry>(oldest.Key, oldest.Entry));
        }
    }

    private sealed class Entry(TValue value)
    {
        private volatile TValue _value = value;

        public TValue Value
        {
            get => _value;
            set => _value = value;
        }
    }
}
