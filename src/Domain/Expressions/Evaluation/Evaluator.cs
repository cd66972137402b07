using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using TaskFunctions.Domain.Expressions.Functions;
using TaskFunctions.Domain.Expressions.Syntax;

namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>
/// Tree-walking evaluator. One instance runs one evaluation: it owns the clock reading and the resource
/// budget (nesting depth, evaluation steps, collection sizes) that keep hostile expressions bounded.
/// </summary>
internal sealed class Evaluator(DateTimeOffset now, Random random)
{
    /// <summary>Deepest nesting of evaluations, including calls of user-defined functions.</summary>
    public const int MaxDepth = 512;

    /// <summary>Largest list a range, a <c>for</c> loop or a built-in may produce.</summary>
    public const int MaxCollectionSize = 1_000_000;

    /// <summary>Evaluation steps before an expression is considered runaway.</summary>
    public const long MaxSteps = 5_000_000;

    private int _depth;
    private long _steps;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The source of <c>random number()</c> and <c>uuid()</c>: the context's, so evaluation stays repeatable.</summary>
    public Random Random { get; } = random;

    public FeelValue Evaluate(Node node, Scope scope)
    {
        if (++_depth > MaxDepth)
        {
            throw new FeelEvaluationException($"expression nests deeper than {MaxDepth} levels");
        }

        if (++_steps > MaxSteps)
        {
            throw new FeelEvaluationException($"expression needs more than {MaxSteps} evaluation steps");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        try
        {
            return node switch
            {
                LiteralNode literal => literal.Value,
                NameNode name => scope.TryLookup(name.Name, out var value) ? value : FeelNull.Instance,
                PathNode path => EvaluatePath(Evaluate(path.Target, scope), path.Name),
                FilterNode filter => EvaluateFilter(filter, scope),
                CallNode call => EvaluateCall(call, scope),
                NegateNode negate => FeelArithmetic.Negate(Evaluate(negate.Operand, scope)),
                BinaryNode binary => EvaluateBinary(binary, scope),
                LogicalNode logical => EvaluateLogical(logical, scope),
                BetweenNode between => EvaluateBetween(between, scope),
                InNode @in => EvaluateIn(@in, scope),
                IfNode @if => Evaluate(@if.Condition, scope) is FeelBoolean { Value: true }
                    ? Evaluate(@if.Then, scope)
                    : Evaluate(@if.Else, scope),
                ForNode @for => EvaluateFor(@for, scope),
                QuantifiedNode quantified => EvaluateQuantified(quantified, scope),
                ListNode list => new FeelList(list.Items.Select(item => Evaluate(item, scope)).ToList()),
                ContextNode context => EvaluateContext(context, scope),
                RangeNode range => new FeelRange(
                    Evaluate(range.Start, scope), range.StartIncluded, Evaluate(range.End, scope), range.EndIncluded),
                FunctionNode function => DefineFunction(function, scope),
                InstanceOfNode instanceOf => FeelBoolean.Of(FeelTypes.IsInstance(Evaluate(instanceOf.Value, scope), instanceOf.TypeName)),
                _ => throw new FeelEvaluationException($"unsupported expression {node.GetType().Name}"),
            };
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Counts work done outside <see cref="Evaluate"/>, such as elements a built-in produces.</summary>
    public void Charge(long steps)
    {
        _steps += steps;
        if (_steps > MaxSteps)
        {
            throw new FeelEvaluationException($"expression needs more than {MaxSteps} evaluation steps");
        }
    }

    /// <summary>
    /// Charges for the size of a produced value, so that repeatedly building large strings or lists exhausts the
    /// step budget before it exhausts memory.
    /// </summary>
    public FeelValue ChargeFor(FeelValue value)
    {
        switch (value)
        {
            case FeelString text:
                Charge(text.Value.Length / 16);
                break;
            case FeelList list:
                Charge(list.Items.Count);
                break;
        }

        return value;
    }

    public FeelValue Invoke(FeelFunction function, IReadOnlyList<FeelValue> arguments) =>
        function.Invoke(new FeelCall(arguments, this));

    public static void EnsureCollectionSize(long size, string what)
    {
        if (size > MaxCollectionSize)
        {
            throw new FeelEvaluationException($"{what} would have {size} elements; at most {MaxCollectionSize} are allowed");
        }
    }

    private FeelValue EvaluateBinary(BinaryNode binary, Scope scope)
    {
        var left = Evaluate(binary.Left, scope);
        var right = Evaluate(binary.Right, scope);
        return binary.Operator switch
        {
            BinaryOperator.Equal => FeelComparison.AreEqual(left, right),
            BinaryOperator.NotEqual => FeelComparison.Equal(left, right) is { } equal
                ? FeelBoolean.Of(!equal)
                : FeelNull.Instance,
            BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual =>
                CompareWith(binary.Operator, left, right),
            _ => ChargeFor(FeelArithmetic.Apply(binary.Operator, left, right)),
        };
    }

    public static FeelValue CompareWith(BinaryOperator op, FeelValue left, FeelValue right)
    {
        if (op is BinaryOperator.Equal)
        {
            return FeelComparison.AreEqual(left, right);
        }

        if (op is BinaryOperator.NotEqual)
        {
            return FeelComparison.Equal(left, right) is { } equal ? FeelBoolean.Of(!equal) : FeelNull.Instance;
        }

        if (FeelComparison.Compare(left, right) is not { } order)
        {
            return FeelNull.Instance;
        }

        return FeelBoolean.Of(op switch
        {
            BinaryOperator.Less => order < 0,
            BinaryOperator.LessOrEqual => order <= 0,
            BinaryOperator.Greater => order > 0,
            _ => order >= 0,
        });
    }

    private FeelValue EvaluateLogical(LogicalNode logical, Scope scope)
    {
        // Three-valued logic: a decisive operand wins even if the other is null or not a boolean.
        var decisive = !logical.IsAnd;
        var left = Evaluate(logical.Left, scope);
        if (left is FeelBoolean l && l.Value == decisive)
        {
            return l;
        }

        var right = Evaluate(logical.Right, scope);
        if (right is FeelBoolean r && r.Value == decisive)
        {
            return r;
        }

        return left is FeelBoolean && right is FeelBoolean ? FeelBoolean.Of(!decisive) : FeelNull.Instance;
    }

    private FeelValue EvaluateBetween(BetweenNode between, Scope scope)
    {
        var value = Evaluate(between.Value, scope);
        var low = CompareWith(BinaryOperator.GreaterOrEqual, value, Evaluate(between.Low, scope));
        var high = CompareWith(BinaryOperator.LessOrEqual, value, Evaluate(between.High, scope));
        return low is FeelBoolean a && high is FeelBoolean b ? FeelBoolean.Of(a.Value && b.Value) : FeelNull.Instance;
    }

    private FeelValue EvaluateIn(InNode node, Scope scope)
    {
        var value = Evaluate(node.Value, scope);
        var testScope = scope.With("?", value);
        var sawNull = false;
        foreach (var test in node.Tests)
        {
            var result = test switch
            {
                ComparisonTest comparison => CompareWith(comparison.Operator, value, Evaluate(comparison.Operand, testScope)),
                ExpressionTest expression => MatchesTest(value, Evaluate(expression.Expression, testScope)),
                _ => FeelNull.Instance,
            };
            if (result is FeelBoolean { Value: true })
            {
                return FeelBoolean.True;
            }

            sawNull |= result is not FeelBoolean;
        }

        return sawNull ? FeelNull.Instance : FeelBoolean.False;
    }

    private static FeelValue MatchesTest(FeelValue value, FeelValue test) => test switch
    {
        FeelRange range => RangeContains(range, value),
        FeelList list => FeelBoolean.Of(
            list.Items.Any(item => FeelComparison.Equal(value, item) == true) || FeelComparison.Equal(value, list) == true),
        FeelBoolean when value is not FeelBoolean => test,
        _ => FeelComparison.AreEqual(value, test),
    };

    public static FeelValue RangeContains(FeelRange range, FeelValue value)
    {
        var startOk = range.Start is FeelNull
            ? FeelBoolean.True
            : CompareWith(range.StartIncluded ? BinaryOperator.GreaterOrEqual : BinaryOperator.Greater, value, range.Start);
        var endOk = range.End is FeelNull
            ? FeelBoolean.True
            : CompareWith(range.EndIncluded ? BinaryOperator.LessOrEqual : BinaryOperator.Less, value, range.End);
        return startOk is FeelBoolean a && endOk is FeelBoolean b ? FeelBoolean.Of(a.Value && b.Value) : FeelNull.Instance;
    }

    private FeelValue EvaluatePath(FeelValue target, string name) => target switch
    {
        FeelContextValue context => context.TryGet(name, out var value) ? value : FeelNull.Instance,
        FeelList list => new FeelList(list.Items.Select(item => EvaluatePath(item, name)).ToList()),
        _ => TemporalProperties.Get(target, name),
    };

    private FeelValue EvaluateFilter(FilterNode filter, Scope scope)
    {
        var target = Evaluate(filter.Target, scope);
        var items = target is FeelList list ? list.Items : [target];

        // A filter that evaluates to a number without reference to the items is an index.
        if (filter.Condition is LiteralNode or NegateNode or NameNode &&
            Evaluate(filter.Condition, scope) is FeelNumber index)
        {
            return Index(items, index.Value);
        }

        var result = new List<FeelValue>();
        foreach (var item in items)
        {
            var itemScope = ItemScope(item, scope);
            var condition = Evaluate(filter.Condition, itemScope);
            if (condition is FeelNumber number)
            {
                return Index(items, number.Value);
            }

            if (condition is FeelBoolean { Value: true })
            {
                result.Add(item);
            }
        }

        return new FeelList(result);
    }

    private static Scope ItemScope(FeelValue item, Scope scope)
    {
        var variables = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        if (item is FeelContextValue context)
        {
            foreach (var (key, value) in context.Entries)
            {
                variables[key] = value;
            }
        }

        variables["item"] = item;
        return new Scope(variables, scope);
    }

    private static FeelValue Index(IReadOnlyList<FeelValue> items, decimal index)
    {
        if (index != decimal.Truncate(index) || index == 0 || Math.Abs(index) > items.Count)
        {
            return FeelNull.Instance;
        }

        var i = (int)index;
        return i > 0 ? items[i - 1] : items[items.Count + i];
    }

    private FeelValue EvaluateCall(CallNode call, Scope scope)
    {
        FeelFunction function;
        if (call.Callee is NameNode name)
        {
            if (scope.TryLookup(name.Name, out var variable) && variable is FeelFunction fromScope)
            {
                function = fromScope;
            }
            else if (BuiltInFunctions.TryGet(name.Name, out var builtIn))
            {
                return builtIn.Call(ResolveArguments(call, scope, builtIn.Signatures, name.Name), this);
            }
            else
            {
                throw new FeelEvaluationException($"no function named '{name.Name}'");
            }
        }
        else
        {
            function = Evaluate(call.Callee, scope) as FeelFunction
                ?? throw new FeelEvaluationException("the called expression is not a function");
        }

        var arguments = ResolveArguments(call, scope, [function.Parameters], function.Name);
        if (arguments.Count != function.Parameters.Count)
        {
            throw new FeelEvaluationException(
                $"function '{function.Name}' expects {function.Parameters.Count} arguments, got {arguments.Count}");
        }

        return Invoke(function, arguments);
    }

    private List<FeelValue> ResolveArguments(
        CallNode call, Scope scope, IReadOnlyList<IReadOnlyList<string>> signatures, string functionName)
    {
        if (call.Arguments.Count == 0 || call.Arguments[0].Name is null)
        {
            return call.Arguments.Select(argument => Evaluate(argument.Value, scope)).ToList();
        }

        // Named arguments: pick the signature that declares every given name, then place them by position.
        var names = call.Arguments.Select(argument => argument.Name!).ToList();
        var signature = signatures.FirstOrDefault(s => names.All(s.Contains))
            ?? throw new FeelEvaluationException(
                $"function '{functionName}' has no parameters named {string.Join(", ", names.Select(n => $"'{n}'"))}");
        var values = new FeelValue?[signature.Count];
        foreach (var argument in call.Arguments)
        {
            values[IndexOf(signature, argument.Name!)] = Evaluate(argument.Value, scope);
        }

        var given = values.Length;
        while (given > 0 && values[given - 1] is null)
        {
            given--;
        }

        return values.Take(given).Select(value => value ?? FeelNull.Instance).ToList();
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private FeelFunction DefineFunction(FunctionNode node, Scope closure) =>
        new("anonymous", node.Parameters, call =>
        {
            var variables = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            for (var i = 0; i < node.Parameters.Count; i++)
            {
                variables[node.Parameters[i]] = call[i];
            }

            return call.Evaluator.Evaluate(node.Body, new Scope(variables, closure));
        });

    private FeelValue EvaluateContext(ContextNode node, Scope scope)
    {
        // Entries are visible to the entries after them, so the scope grows as the context is built.
        var visible = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        var entryScope = new Scope(visible, scope);
        var entries = new List<KeyValuePair<string, FeelValue>>(node.Entries.Count);
        foreach (var (key, valueNode) in node.Entries)
        {
            var value = Evaluate(valueNode, entryScope);
            visible[key] = value;
            entries.Add(new(key, value));
        }

        return new FeelContextValue(entries);
    }

    private FeelValue EvaluateFor(ForNode node, Scope scope)
    {
        var results = new List<FeelValue>();
        Scope loopScope = scope;
        Dictionary<string, FeelValue>? partials = null;
        var published = ImmutableList<FeelValue>.Empty;
        if (node.UsesPartial)
        {
            // "partial" exposes the results so far; an immutable list shares structure, so publishing it after
            // every iteration costs O(log n) instead of a copy.
            partials = new Dictionary<string, FeelValue>(StringComparer.Ordinal) { ["partial"] = FeelList.Empty };
            loopScope = new Scope(partials, scope);
        }

        var valid = Iterate(node.Iterations, 0, loopScope, iterationScope =>
        {
            EnsureCollectionSize(results.Count + 1L, "the for loop result");
            var value = Evaluate(node.Body, iterationScope);
            results.Add(value);
            if (partials is not null)
            {
                published = published.Add(value);
                partials["partial"] = new FeelList(published);
            }

            return true;
        });
        return valid ? new FeelList(results) : FeelNull.Instance;
    }

    private FeelValue EvaluateQuantified(QuantifiedNode node, Scope scope)
    {
        var found = false;
        var valid = Iterate(node.Iterations, 0, scope, iterationScope =>
        {
            var satisfied = Evaluate(node.Condition, iterationScope) is FeelBoolean { Value: true };
            if (satisfied != node.IsEvery)
            {
                found = true;
                return false;
            }

            return true;
        });
        if (!valid)
        {
            return FeelNull.Instance;
        }

        return FeelBoolean.Of(node.IsEvery ? !found : found);
    }

    // Runs body for every combination of the iteration variables; body returns false to stop early.
    // Returns false when an iteration domain is not a list or range.
    private bool Iterate(IReadOnlyList<Iteration> iterations, int index, Scope scope, Func<Scope, bool> body)
    {
        var stopped = false;
        return Iterate(iterations, index, scope, body, ref stopped);
    }

    private bool Iterate(IReadOnlyList<Iteration> iterations, int index, Scope scope, Func<Scope, bool> body, ref bool stopped)
    {
        if (index == iterations.Count)
        {
            stopped = !body(scope);
            return true;
        }

        var iteration = iterations[index];
        if (Domain(iteration, scope) is not { } domain)
        {
            return false;
        }

        foreach (var value in domain)
        {
            if (!Iterate(iterations, index + 1, scope.With(iteration.Name, value), body, ref stopped))
            {
                return false;
            }

            if (stopped)
            {
                break;
            }
        }

        return true;
    }

    private IEnumerable<FeelValue>? Domain(Iteration iteration, Scope scope)
    {
        var start = Evaluate(iteration.Domain, scope);
        if (iteration.RangeEnd is not null)
        {
            return IntegerSequence(start, Evaluate(iteration.RangeEnd, scope), true, true);
        }

        return start switch
        {
            FeelList list => list.Items,
            FeelRange range => IntegerSequence(range.Start, range.End, range.StartIncluded, range.EndIncluded),
            FeelNull => null,
            _ => [start],
        };
    }

    private static IEnumerable<FeelValue>? IntegerSequence(FeelValue from, FeelValue to, bool startIncluded, bool endIncluded)
    {
        if (from is not FeelNumber { Value: var a } || to is not FeelNumber { Value: var b } ||
            a != decimal.Truncate(a) || b != decimal.Truncate(b))
        {
            return null;
        }

        var step = a <= b ? 1 : -1;
        var first = startIncluded ? a : a + step;
        var last = endIncluded ? b : b - step;
        var count = (last - first) * step + 1;
        if (count <= 0)
        {
            return [];
        }

        Evaluator.EnsureCollectionSize((long)Math.Min(count, long.MaxValue), "the range");
        return Enumerable.Range(0, (int)count).Select(i => (FeelValue)new FeelNumber(first + (i * step)));
    }
}
