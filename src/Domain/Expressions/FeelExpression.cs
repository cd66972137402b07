using TaskFunctions.Domain.Expressions.Evaluation;
using TaskFunctions.Domain.Expressions.Syntax;

namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// A parsed FEEL expression. Parse once (at deploy time) and evaluate many times; instances are immutable
/// and safe to share between threads.
/// </summary>
/// <remarks>
/// Semantics follow DMN 1.3+ FEEL as Camunda implements it: operations on the wrong types, division by zero and
/// missing variables give null; <c>and</c>/<c>or</c> are three-valued; numbers are <see cref="decimal"/>.
/// An evaluation fails (rather than giving null) only for an unknown function, a wrong argument count or names,
/// a failed <c>assert()</c>, or a resource limit: nesting, 5,000,000 evaluation steps, lists over
/// 1,000,000 elements, strings over 10,000,000 characters, or a regular expression running over a second.
/// </remarks>
public sealed class FeelExpression
{
    /// <summary>Longest source accepted, so a hostile deployment cannot make the parser allocate without bound.</summary>
    public const int MaxSourceLength = 100_000;

    private readonly Node _root;

    private FeelExpression(string source, Node root)
    {
        Source = source;
        _root = root;
    }

    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; never throws for bad input.</summary>
    public static FeelParseResult Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > MaxSourceLength)
        {
            return Failed(source, $"expression is longer than {MaxSourceLength} characters", 0);
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return Failed(source, "expression is empty", 0);
        }

        try
        {
            return new FeelParseResult(new FeelExpression(source, Parser.Parse(source)), null);
        }
        catch (FeelSyntaxException e)
        {
            return Failed(source, e.Message, e.Position);
        }
        catch (InsufficientExecutionStackException)
        {
            return Failed(source, "expression is nested too deeply", 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The contract is "never throws for bad input"; a defect must surface as a readable error, not a crash.
            return Failed(source, $"expression could not be parsed ({e.GetType().Name})", 0);
        }
    }

    /// <summary>Evaluates against <paramref name="context"/>; never throws: returns a value or a failure message.</summary>
    public FeelEvaluationResult Evaluate(FeelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var evaluator = new Evaluator(context.Now, context.Random);
            var value = evaluator.Evaluate(_root, new Scope(context.Variables));
            return new FeelEvaluationResult(value, null);
        }
        catch (FeelEvaluationException e)
        {
            return new FeelEvaluationResult(FeelNull.Instance, e.Message);
        }
        catch (InsufficientExecutionStackException)
        {
            return new FeelEvaluationResult(FeelNull.Instance, "expression nests too deeply to evaluate");
        }
        catch (FormatException e)
        {
            // A variable FEEL cannot represent (e.g. a JSON number beyond the decimal range): the message names it.
            return new FeelEvaluationResult(FeelNull.Instance, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Values outside what the implementation can represent (e.g. a position beyond 64-bit range) end here
            // rather than escaping to the caller.
            return new FeelEvaluationResult(FeelNull.Instance, $"expression could not be evaluated ({e.GetType().Name})");
        }
    }

    public override string ToString() => Source;

    private static FeelParseResult Failed(string source, string message, int position)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new FeelParseResult(null, new FeelSyntaxError(message, position, line, column));
    }
}
