using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Input and output mappings. Inputs become local variables of the element instance; outputs are evaluated in the
/// element's context and propagated from the enclosing scope. A failing expression raises an incident and leaves the
/// element in the step that failed.
/// </summary>
internal static class Mappings
{
    public static bool ApplyInputs(ExecutionSession session, ElementInstance element, IoMapping mapping)
    {
        foreach (var input in mapping.Inputs)
        {
            if (!VariableScopes.TryEvaluateSource(session, element.Key, input.Source, out var value, out var failure))
            {
                Incidents.Raise(session, element, IncidentErrorType.ExtractValueError, failure!);
                return false;
            }

            var local = VariableScopes.Local(session, element.Key);
            var assigned = new JsonObject();
            VariableScopes.Assign(assigned, input.Target, value, name => local[name]);
            foreach (var (name, node) in assigned.ToList())
            {
                VariableScopes.SetLocal(session, element.Key, name, node);
            }
        }

        return true;
    }

    public static bool ApplyOutputs(ExecutionSession session, ElementInstance element, IoMapping mapping)
    {
        var flowScopeKey = element.FlowScopeKey!.Value;
        var results = new JsonObject();
        foreach (var output in mapping.Outputs)
        {
            if (!VariableScopes.TryEvaluateSource(session, element.Key, output.Source, out var value, out var failure))
            {
                Incidents.Raise(session, element, IncidentErrorType.ExtractValueError, failure!);
                return false;
            }

            VariableScopes.Assign(results, output.Target, value, name => VariableScopes.Get(session, flowScopeKey, name));
        }

        foreach (var (name, node) in results.ToList())
        {
            VariableScopes.SetPropagated(session, flowScopeKey, name, node);
        }

        return true;
    }

    /// <summary>
    /// Merges variables a worker or person provided on completion: with output mappings they stay local to the
    /// element (the mappings choose what leaves); without, each goes to the nearest scope that has it, else the process.
    /// </summary>
    public static void MergeCompletionVariables(ExecutionSession session, ElementInstance element, IoMapping mapping, JsonObject? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            if (mapping.Outputs.Count > 0)
            {
                VariableScopes.SetLocal(session, element.Key, name, value);
            }
            else
            {
                VariableScopes.SetPropagated(session, element.Key, name, value);
            }
        }
    }
}
