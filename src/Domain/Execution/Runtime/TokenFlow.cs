using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Moves tokens: works off the agenda until the instance waits (tasks, jobs, timers) or ends. Activation and
/// completion are generic; what an element does in between is up to its <see cref="IElementBehavior"/>.
/// </summary>
internal static class TokenFlow
{
    public static void Run(ExecutionSession session)
    {
        do
        {
            while (session.Agenda.TryDequeue(out var item))
            {
                if (session.Status != ProcessInstanceStatus.Active)
                {
                    session.Agenda.Clear();
                    return;
                }

                switch (item)
                {
                    case ActivateElement activate:
                        Arrive(session, activate);
                        break;
                    case CompleteElement complete:
                        Complete(session, complete.ElementInstanceKey);
                        break;
                }
            }
        }
        while (session.Status == ProcessInstanceStatus.Active && InclusiveJoin.TryFireWaiting(session));
    }

    private static void Arrive(ExecutionSession session, ActivateElement item)
    {
        if (!session.Elements.TryGetValue(item.FlowScopeKey, out var scope))
        {
            return;
        }

        var node = session.Definition.FlowNodes[item.ElementId];
        if (item.IncomingFlowId is { } flowId && node.Incoming.Count > 1 && node is ParallelGateway or InclusiveGateway)
        {
            session.Update(scope with { JoinArrivals = [.. scope.JoinArrivals, flowId] });
            if (node is ParallelGateway)
            {
                ParallelJoin.TryFire(session, item.FlowScopeKey, node);
            }

            return;
        }

        CreateAndActivate(session, item.FlowScopeKey, node, item.IncomingFlowId, item.LoopCounter, item.LocalVariables);
    }

    public static void CreateAndActivate(
        ExecutionSession session,
        long flowScopeKey,
        FlowNode node,
        string? incomingFlowId,
        int? loopCounter = null,
        JsonObject? localVariables = null)
    {
        var element = session.Update(new ElementInstance
        {
            Key = session.NextKey(),
            FlowScopeKey = flowScopeKey,
            ElementId = node.Id,
            Phase = ElementInstancePhase.Activating,
            IncomingFlowId = incomingFlowId,
            LoopCounter = loopCounter,
        });
        if (localVariables is not null)
        {
            foreach (var (name, value) in localVariables)
            {
                VariableScopes.SetLocal(session, element.Key, name, value);
            }
        }

        RunActivation(session, element.Key);
    }

    /// <summary>The activation step; repeated as a whole when an incident raised during activation is resolved.</summary>
    public static void RunActivation(ExecutionSession session, long elementInstanceKey)
    {
        var element = session.Elements[elementInstanceKey];
        var node = session.Node(element);
        if (++session.Activations > session.Context.MaxElementActivations)
        {
            Incidents.Raise(
                session,
                element,
                IncidentErrorType.ExecutionLimitExceeded,
                $"More than {session.Context.MaxElementActivations} elements were activated by one command; the process probably loops without waiting. Resolve the incident to continue.");
            return;
        }

        if (node is Activity activity)
        {
            if (activity.MultiInstance is not null && !element.IsMultiInstanceInner)
            {
                if (Timers.OpenBoundaryTimers(session, element, activity))
                {
                    MultiInstanceBehavior.ActivateBody(session, element, activity);
                }

                return;
            }

            if (!Mappings.ApplyInputs(session, element, activity.IoMapping))
            {
                return;
            }

            if (!element.IsMultiInstanceInner && !Timers.OpenBoundaryTimers(session, element, activity))
            {
                return;
            }
        }

        ElementBehaviors.For(node).Activate(session, session.Elements[elementInstanceKey], node);
    }

    /// <summary>Marks an element instance as activated (it now waits, or completes right away).</summary>
    public static ElementInstance MarkActive(ExecutionSession session, ElementInstance element)
    {
        element = session.Update(element with { Phase = ElementInstancePhase.Active });
        session.Emit(ProcessEventType.ElementActivated, element, ElementData(session, element));
        return element;
    }

    public static void CompleteLater(ExecutionSession session, ElementInstance element) =>
        session.Agenda.Enqueue(new CompleteElement(element.Key));

    /// <summary>
    /// The completion step: output mappings, then the element leaves over <paramref name="flows"/> (its outgoing
    /// flows when null). Repeated when an incident raised during completion is resolved.
    /// </summary>
    public static void Complete(ExecutionSession session, long elementInstanceKey, IReadOnlyList<SequenceFlow>? flows = null)
    {
        if (!session.Elements.TryGetValue(elementInstanceKey, out var element))
        {
            return;
        }

        element = session.Update(element with { Phase = ElementInstancePhase.Completing });
        var node = session.Node(element);
        var mapping = node switch
        {
            Activity a => a.IoMapping,
            BoundaryEvent b => b.IoMapping,
            IntermediateTimerCatchEvent c => c.IoMapping,
            _ => IoMapping.Empty,
        };

        var completionConditionMet = false;
        if (element.IsMultiInstanceBody)
        {
            MultiInstanceBehavior.PropagateOutputCollection(session, element, (Activity)node);
        }
        else
        {
            if (mapping.Outputs.Count > 0 && !Mappings.ApplyOutputs(session, element, mapping))
            {
                return;
            }

            if (node is BoundaryEvent && mapping.Outputs.Count == 0)
            {
                // Variables that came with a caught error leave the event for its scope.
                foreach (var (name, value) in VariableScopes.Local(session, element.Key).ToList())
                {
                    VariableScopes.SetPropagated(session, element.FlowScopeKey!.Value, name, value);
                }
            }

            if (element.IsMultiInstanceInner
                && !MultiInstanceBehavior.CollectInnerResult(session, element, (Activity)node, out completionConditionMet))
            {
                return;
            }
        }

        Timers.CancelFor(session, element.Key);
        Remove(session, element, ProcessEventType.ElementCompleted);
        var flowScopeKey = element.FlowScopeKey!.Value;
        if (element.IsMultiInstanceInner)
        {
            MultiInstanceBehavior.AfterInnerCompleted(session, flowScopeKey, completionConditionMet);
            return;
        }

        foreach (var flow in flows ?? node.Outgoing)
        {
            Take(session, flowScopeKey, flow);
        }

        CheckScopeCompletion(session, flowScopeKey);
    }

    public static void Take(ExecutionSession session, long flowScopeKey, SequenceFlow flow) =>
        session.Agenda.Enqueue(new ActivateElement(flowScopeKey, flow.TargetId, flow.Id));

    /// <summary>Removes an element instance (and its local variables) and records why.</summary>
    public static void Remove(ExecutionSession session, ElementInstance element, ProcessEventType type)
    {
        session.Elements.Remove(element.Key);
        VariableScopes.RemoveScope(session, element.Key);
        session.Emit(type, element, ElementData(session, element));
    }

    /// <summary>Completes a process or sub-process scope when no token is left in it.</summary>
    public static void CheckScopeCompletion(ExecutionSession session, long scopeKey)
    {
        if (!session.Elements.TryGetValue(scopeKey, out var scope)
            || scope.IsMultiInstanceBody
            || scope.Phase != ElementInstancePhase.Active
            || scope.JoinArrivals.Count > 0
            || session.Elements.Values.Any(e => e.FlowScopeKey == scopeKey)
            || session.Agenda.HasActivationIn(scopeKey))
        {
            return;
        }

        if (scope.FlowScopeKey is null)
        {
            InstanceEnd.Complete(session, scope);
        }
        else
        {
            CompleteLater(session, scope);
        }
    }

    private static JsonObject ElementData(ExecutionSession session, ElementInstance element)
    {
        var type = session.Definition.FlowNodes.TryGetValue(element.ElementId, out var node) ? node.ElementType : "process";
        var data = new JsonObject { ["elementType"] = type };
        if (element.FlowScopeKey is { } scope)
        {
            data["flowScopeKey"] = scope;
        }

        if (element.LoopCounter is { } loop)
        {
            data["loopCounter"] = loop;
        }

        if (element.IsMultiInstanceBody)
        {
            data["multiInstanceBody"] = true;
        }

        return data;
    }
}
