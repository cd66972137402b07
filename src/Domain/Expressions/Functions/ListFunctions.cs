using TaskFunctions.Domain.Expressions.Evaluation;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>List built-ins. Positions are 1-based; negative positions count from the end.</summary>
internal static class ListFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("list contains", "list, element", call => AsList(call[0]) is { } list
            ? FeelBoolean.Of(list.Items.Any(item => FeelComparison.Equal(item, call[1]) == true))
            : FeelNull.Instance);
        registry.Add("count", "list", call => AsList(call[0]) is { } list ? Arguments.Number(list.Items.Count) : FeelNull.Instance);
        registry.Add("min", "list...", call => Extreme(call, wantMax: false));
        registry.Add("max", "list...", call => Extreme(call, wantMax: true));
        registry.Add("sum", "list...", call => Numbers(call) is { Count: > 0 } n ? Arguments.Number(n.Sum()) : FeelNull.Instance);
        registry.Add("product", "list...", call => Numbers(call) is { Count: > 0 } n
            ? Checked(() => n.Aggregate(1m, (a, b) => a * b))
            : FeelNull.Instance);
        registry.Add("mean", "list...", call => Numbers(call) is { Count: > 0 } n
            ? Checked(() => n.Sum() / n.Count)
            : FeelNull.Instance);
        registry.Add("median", "list...", call =>
        {
            if (Numbers(call) is not { Count: > 0 } n)
            {
                return FeelNull.Instance;
            }

            var sorted = n.Order().ToList();
            var middle = sorted.Count / 2;
            return Arguments.Number(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
        });
        registry.Add("stddev", "list...", call =>
        {
            if (Numbers(call) is not { Count: > 1 } n)
            {
                return FeelNull.Instance;
            }

            var mean = n.Sum() / n.Count;
            var variance = n.Sum(x => (x - mean) * (x - mean)) / (n.Count - 1);
            return Arguments.FromDouble(Math.Sqrt((double)variance));
        });
        registry.Add("mode", "list...", call =>
        {
            if (Numbers(call) is not { } n)
            {
                return FeelNull.Instance;
            }

            var groups = n.GroupBy(x => x).ToList();
            var most = groups.Count == 0 ? 0 : groups.Max(g => g.Count());
            return new FeelList(groups.Where(g => g.Count() == most).Select(g => g.Key).Order().Select(Arguments.Number));
        });
        registry.Add("all", "list...", call => Logical(call, decisive: false));
        registry.Add("and", "list...", call => Logical(call, decisive: false));
        registry.Add("any", "list...", call => Logical(call, decisive: true));
        registry.Add("or", "list...", call => Logical(call, decisive: true));
        registry.Add("sublist", "list, start position, length?", Sublist);
        registry.Add("append", "list, item...", call => AsList(call[0]) is { } list
            ? Sized(list.Items.Concat(call.Arguments.Skip(1)))
            : FeelNull.Instance);
        registry.Add("concatenate", "list...", call => call.Arguments.All(a => a is not FeelNull)
            ? Sized(call.Arguments.SelectMany(a => AsList(a)!.Items))
            : FeelNull.Instance);
        registry.Add("insert before", "list, position, newItem", call =>
        {
            if (AsList(call[0]) is not { } list || Position(list, call[1], allowEnd: true) is not { } index)
            {
                return FeelNull.Instance;
            }

            var items = list.Items.ToList();
            items.Insert(index, call[2]);
            return new FeelList(items);
        });
        registry.Add("remove", "list, position", call =>
        {
            if (AsList(call[0]) is not { } list || Position(list, call[1], allowEnd: false) is not { } index)
            {
                return FeelNull.Instance;
            }

            var items = list.Items.ToList();
            items.RemoveAt(index);
            return new FeelList(items);
        });
        registry.Add("reverse", "list", call => AsList(call[0]) is { } list ? new FeelList(list.Items.Reverse()) : FeelNull.Instance);
        registry.Add("index of", "list, match", call => AsList(call[0]) is { } list
            ? new FeelList(list.Items
                .Select((item, i) => (item, i))
                .Where(x => FeelComparison.Equal(x.item, call[1]) == true)
                .Select(x => Arguments.Number(x.i + 1)))
            : FeelNull.Instance);
        registry.Add("union", "list...", call => call.Arguments.All(a => a is not FeelNull)
            ? Distinct(call.Arguments.SelectMany(a => AsList(a)!.Items))
            : FeelNull.Instance);
        registry.Add("distinct values", "list", call => AsList(call[0]) is { } list ? Distinct(list.Items) : FeelNull.Instance);
        registry.Add("duplicate values", "list", call =>
        {
            if (AsList(call[0]) is not { } list)
            {
                return FeelNull.Instance;
            }

            var duplicates = list.Items
                .Where(item => list.Items.Count(other => FeelComparison.Equal(other, item) == true) > 1);
            return Distinct(duplicates);
        });
        registry.Add("flatten", "list", call =>
        {
            if (AsList(call[0]) is not { } list)
            {
                return FeelNull.Instance;
            }

            var result = new List<FeelValue>();
            Flatten(list, result);
            return new FeelList(result);
        });
        registry.Add("is empty", "list", call => AsList(call[0]) is { } list ? FeelBoolean.Of(list.Items.Count == 0) : FeelNull.Instance);
        registry.Add("sort", "list, precedes?", Sort);
        registry.Add("partition", "list, size", call =>
        {
            if (AsList(call[0]) is not { } list || !Arguments.TryInt(call[1], out var size) || size <= 0)
            {
                return FeelNull.Instance;
            }

            return new FeelList(list.Items.Chunk(size).Select(chunk => (FeelValue)new FeelList(chunk)));
        });
    }

    // FEEL converts a single non-null value to a singleton list where a list is expected.
    private static FeelList? AsList(FeelValue value) => value switch
    {
        FeelList list => list,
        FeelNull => null,
        _ => new FeelList([value]),
    };

    private static FeelValue Checked(Func<decimal> compute)
    {
        try
        {
            return Arguments.Number(compute());
        }
        catch (OverflowException)
        {
            return FeelNull.Instance;
        }
    }

    private static FeelValue Sized(IEnumerable<FeelValue> items)
    {
        var list = items.ToList();
        Evaluator.EnsureCollectionSize(list.Count, "the list");
        return new FeelList(list);
    }

    private static List<decimal>? Numbers(FeelCall call)
    {
        var items = Arguments.ListOrItems(call.Arguments);
        if (items is null || items.Any(item => item is not FeelNumber))
        {
            return null;
        }

        return items.Select(item => ((FeelNumber)item).Value).ToList();
    }

    private static FeelValue Extreme(FeelCall call, bool wantMax)
    {
        var items = Arguments.ListOrItems(call.Arguments);
        if (items is null || items.Count == 0)
        {
            return FeelNull.Instance;
        }

        var best = items[0];
        foreach (var item in items.Skip(1))
        {
            if (FeelComparison.Compare(item, best) is not { } order)
            {
                return FeelNull.Instance;
            }

            if (wantMax ? order > 0 : order < 0)
            {
                best = item;
            }
        }

        return FeelComparison.Compare(best, best) is null ? FeelNull.Instance : best;
    }

    private static FeelValue Logical(FeelCall call, bool decisive)
    {
        var items = Arguments.ListOrItems(call.Arguments);
        if (items is null)
        {
            return FeelNull.Instance;
        }

        if (items.Any(item => item is FeelBoolean b && b.Value == decisive))
        {
            return FeelBoolean.Of(decisive);
        }

        return items.All(item => item is FeelBoolean) ? FeelBoolean.Of(!decisive) : FeelNull.Instance;
    }

    private static FeelValue Sublist(FeelCall call)
    {
        if (AsList(call[0]) is not { } list || !Arguments.TryInt(call[1], out var start) || start == 0 ||
            Math.Abs((long)start) > list.Items.Count)
        {
            return FeelNull.Instance;
        }

        var index = start > 0 ? start - 1 : list.Items.Count + start;
        var length = list.Items.Count - index;
        if (call.Count > 2)
        {
            if (!Arguments.TryInt(call[2], out var requested) || requested < 0 || requested > length)
            {
                return FeelNull.Instance;
            }

            length = requested;
        }

        return new FeelList(list.Items.Skip(index).Take(length));
    }

    private static int? Position(FeelList list, FeelValue position, bool allowEnd)
    {
        if (!Arguments.TryInt(position, out var p) || p == 0)
        {
            return null;
        }

        var count = list.Items.Count + (allowEnd ? 1 : 0);
        if (p > 0)
        {
            return p <= count ? p - 1 : null;
        }

        return -p <= list.Items.Count ? list.Items.Count + p : null;
    }

    private static FeelList Distinct(IEnumerable<FeelValue> items)
    {
        var result = new List<FeelValue>();
        foreach (var item in items)
        {
            if (!result.Any(existing => FeelComparison.Equal(existing, item) == true))
            {
                result.Add(item);
            }
        }

        return new FeelList(result);
    }

    private static void Flatten(FeelList list, List<FeelValue> result)
    {
        foreach (var item in list.Items)
        {
            if (item is FeelList inner)
            {
                Flatten(inner, result);
            }
            else
            {
                result.Add(item);
            }
        }
    }

    private static FeelValue Sort(FeelCall call)
    {
        if (AsList(call[0]) is not { } list)
        {
            return FeelNull.Instance;
        }

        var items = list.Items.ToList();
        if (call.Count > 1 && call[1] is not FeelNull)
        {
            if (call[1] is not FeelFunction precedes)
            {
                return FeelNull.Instance;
            }

            // Insertion sort driven by the user's "precedes" function: stable and never inconsistent, whatever
            // the function returns. Bounded by the evaluation step budget.
            var sorted = new List<FeelValue>(items.Count);
            foreach (var item in items)
            {
                var at = sorted.Count;
                while (at > 0)
                {
                    call.Evaluator.Charge(1);
                    if (call.Evaluator.Invoke(precedes, [item, sorted[at - 1]]) is not FeelBoolean { Value: true })
                    {
                        break;
                    }

                    at--;
                }

                sorted.Insert(at, item);
            }

            return new FeelList(sorted);
        }

        // Without "precedes" the natural order is used, which exists only when all items are comparable.
        if (items.Count > 0 && items.Any(item => FeelComparison.Compare(items[0], item) is null))
        {
            return FeelNull.Instance;
        }

        return new FeelList(items.Order(Comparer<FeelValue>.Create((a, b) => FeelComparison.Compare(a, b) ?? 0)));
    }
}
