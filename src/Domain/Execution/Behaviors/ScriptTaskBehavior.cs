using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>Evaluates the FEEL script and stores the result (like completion variables), then moves on.</summary>
internal sealed class ScriptTaskBehavior : IElementBehavior
{
    public static readonly ScriptTaskBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var script = (ScriptTask)node;
        var result = VariableScopes.Evaluate(session, element.Key, script.Expression);
        if (!result.IsSuccess)
        {
            Incidents.Raise(
                session,
                element,
                IncidentErrorType.ExtractValueError,
                $"Failed to evaluate script expression '{script.Expression.Source}': {result.Failure}");
            return;
        }

        element = TokenFlow.MarkActive(session, element);
        Mappings.MergeCompletionVariables(session, element, script.IoMapping, new() { [script.ResultVariable] = result.Value.ToJson() });
        TokenFlow.CompleteLater(session, element);
    }
}
