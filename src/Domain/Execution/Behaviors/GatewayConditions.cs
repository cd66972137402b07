using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Evaluates the conditions of a gateway's outgoing flows. As in Zeebe, a condition must yield a boolean: a failure
/// or any other value (null included) is an incident rather than a silent false.
/// </summary>
internal static class GatewayConditions
{
    /// <summary>True/false for a flow with a condition; true for a flow without one; null after raising an incident.</summary>
    public static bool? Evaluate(ExecutionSession session, ElementInstance element, SequenceFlow flow)
    {
        if (flow.Condition is null)
        {
            return true;
        }

        var result = VariableScopes.Evaluate(session, element.Key, flow.Condition);
        if (result.IsSuccess && result.Value is FeelBoolean boolean)
        {
            return boolean.Value;
        }

        var reason = result.Failure ?? $"expected a boolean but got {result.Value.TypeName} '{result.Value}'";
        Incidents.Raise(
            session,
            element,
            IncidentErrorType.ExtractValueError,
            $"Failed to evaluate the condition '{flow.Condition.Source}' of sequence flow '{flow.Id}': {reason}");
        return null;
    }

    public static void RaiseNoMatch(ExecutionSession session, ElementInstance element, FlowNode gateway) =>
        Incidents.Raise(
            session,
            element,
            IncidentErrorType.ConditionError,
            $"No outgoing sequence flow of gateway '{gateway.Id}' has a true condition and there is no default flow.");
}
