using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The body of a multi-instance activity: evaluates the input collection once, runs one inner instance per element
/// (all at once, or one after the other), collects each instance's output element by loop counter and stops early
/// when the completion condition holds. The inner instances carry the activity's own behavior and mappings; the
/// boundary events belong to the body.
/// </summary>
internal static class MultiInstanceBehavior
{
    public static void ActivateBody(ExecutionSession session, ElementInstance body, Activity activity)
    {
        var characteristics = activity.MultiInstance!;
        var result = VariableScopes.Evaluate(session, body.Key, characteristics.InputCollection);
        if (!result.IsSuccess || result.Value is not FeelList list)
        {
            Incidents.Raise(
                session,
                body,
                IncidentErrorType.ExtractValueError,
                $"The input collection '{characteristics.InputCollection.Source}' of '{activity.Id}' must be a list, but "
                + (result.Failure ?? $"it is {result.Value.TypeName} '{result.Value}'") + ".");
            return;
        }

        var items = new JsonArray(list.Items.Select(i => i.ToJson()).ToArray());
        if (characteristics.OutputCollection is { } output)
        {
            VariableScopes.SetLocal(session, body.Key, output, new JsonArray(list.Items.Select(_ => (JsonNode?)null).ToArray()));
        }

        body = TokenFlow.MarkActive(session, session.Update(body with { MultiInstance = new MultiInstanceState { Items = items } }));
        if (items.Count == 0)
        {
            TokenFlow.CompleteLater(session, body);
            return;
        }

        var start = characteristics.IsSequential ? 1 : items.Count;
        for (var i = 0; i < start; i++)
        {
            body = StartInner(session, body, characteristics);
        }
    }

    private static ElementInstance StartInner(ExecutionSession session, ElementInstance body, MultiInstanceCharacteristics characteristics)
    {
        var state = body.MultiInstance!;
        var loopCounter = state.Started + 1;
        var locals = new JsonObject { ["loopCounter"] = loopCounter };
        if (characteristics.InputElement is { } name)
        {
            locals[name] = state.Items[loopCounter - 1]?.DeepClone();
        }

        session.Agenda.Enqueue(new ActivateElement(body.Key, body.ElementId, null, loopCounter, locals));
        return session.Update(body with { MultiInstance = state with { Started = loopCounter } });
    }

    /// <summary>
    /// Before an inner instance is removed: writes its output element into the body's output collection and
    /// evaluates the completion condition. False (with an incident) when an expression fails; nothing is written then.
    /// </summary>
    public static bool CollectInnerResult(ExecutionSession session, ElementInstance inner, Activity activity, out bool completionConditionMet)
    {
        completionConditionMet = false;
        var characteristics = activity.MultiInstance!;
        var body = session.Elements[inner.FlowScopeKey!.Value];
        var state = body.MultiInstance!;
        JsonNode? outputElement = null;
        if (characteristics.OutputCollection is not null && characteristics.OutputElement is { } outputExpression)
        {
            var output = VariableScopes.Evaluate(session, inner.Key, outputExpression);
            if (!output.IsSuccess)
            {
                Incidents.Raise(
                    session,
                    inner,
                    IncidentErrorType.ExtractValueError,
                    $"Failed to evaluate the output element '{outputExpression.Source}': {output.Failure}");
                return false;
            }

            outputElement = output.Value.ToJson();
        }

        var completed = state.Completed + 1;
        if (characteristics.CompletionCondition is { } condition)
        {
            var active = session.ChildrenOf(body.Key).Count() - 1;
            var numbers = new Dictionary<string, FeelValue>(StringComparer.Ordinal)
            {
                ["numberOfInstances"] = new FeelNumber(state.NumberOfInstances),
                ["numberOfCompletedInstances"] = new FeelNumber(completed),
                ["numberOfActiveInstances"] = new FeelNumber(active),
                ["numberOfTerminatedInstances"] = new FeelNumber(0),
                ["loopCounter"] = new FeelNumber(inner.LoopCounter!.Value),
            };
            var result = VariableScopes.Evaluate(session, inner.Key, condition, numbers);
            if (!result.IsSuccess || result.Value is not FeelBoolean met)
            {
                Incidents.Raise(
                    session,
                    inner,
                    IncidentErrorType.ExtractValueError,
                    $"The completion condition '{condition.Source}' must yield a boolean, but "
                    + (result.Failure ?? $"it yielded {result.Value.TypeName} '{result.Value}'") + ".");
                return false;
            }

            completionConditionMet = met.Value;
        }

        if (characteristics.OutputCollection is { } collectionName)
        {
            var collection = VariableScopes.Local(session, body.Key)[collectionName]?.DeepClone() as JsonArray ?? [];
            var index = inner.LoopCounter!.Value - 1;
            while (collection.Count <= index)
            {
                collection.Add(null);
            }

            collection[index] = outputElement;
            VariableScopes.SetLocal(session, body.Key, collectionName, collection);
        }

        session.Update(body with { MultiInstance = state with { Completed = completed } });
        return true;
    }

    /// <summary>After an inner instance left: start the next one, finish early, or complete the body.</summary>
    public static void AfterInnerCompleted(ExecutionSession session, long bodyKey, bool completionConditionMet)
    {
        var body = session.Elements[bodyKey];
        var activity = (Activity)session.Node(body);
        var state = body.MultiInstance!;
        if (completionConditionMet)
        {
            Termination.TerminateChildren(session, bodyKey, null, $"completion condition of {BoundaryTrigger.Describe(activity)} met");
            TokenFlow.CompleteLater(session, body);
            return;
        }

        if (activity.MultiInstance!.IsSequential && state.Started < state.NumberOfInstances)
        {
            StartInner(session, body, activity.MultiInstance);
            return;
        }

        if (state.Completed + state.Canceled >= state.NumberOfInstances && !session.ChildrenOf(bodyKey).Any())
        {
            if (state.Completed > 0)
            {
                TokenFlow.CompleteLater(session, body);
            }
            else
            {
                // Every instance was canceled: nothing was done, so nothing downstream may run.
                Branches.Stop(session, body, $"every instance of {BoundaryTrigger.Describe(activity)} was canceled");
            }
        }
    }

    /// <summary>
    /// An inner instance whose task was canceled counts as finished without output; the others go on, and a
    /// sequential body starts its next instance.
    /// </summary>
    public static void AfterInnerCanceled(ExecutionSession session, long bodyKey)
    {
        var body = session.Elements[bodyKey];
        session.Update(body with { MultiInstance = body.MultiInstance! with { Canceled = body.MultiInstance.Canceled + 1 } });
        AfterInnerCompleted(session, bodyKey, completionConditionMet: false);
    }

    /// <summary>When the body completes, its output collection goes to the enclosing scope.</summary>
    public static void PropagateOutputCollection(ExecutionSession session, ElementInstance body, Activity activity)
    {
        if (activity.MultiInstance!.OutputCollection is { } name)
        {
            var value = VariableScopes.Local(session, body.Key)[name]?.DeepClone();
            VariableScopes.SetPropagated(session, body.FlowScopeKey!.Value, name, value);
        }
    }
}
