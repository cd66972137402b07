namespace TaskFunctions.Domain.Execution;

/// <summary>Writes variables into an existing scope of the instance.</summary>
internal static class SetVariablesHandler
{
    public static DomainError? Handle(ExecutionSession session, SetVariables command)
    {
        var scopeKey = command.ScopeKey ?? session.InstanceKey;
        if (!session.Elements.ContainsKey(scopeKey))
        {
            return ExecutionErrors.ScopeNotFound(scopeKey);
        }

        if (command.Variables.Any(v => string.IsNullOrWhiteSpace(v.Key)))
        {
            return ExecutionErrors.InvalidVariables("Variable names must not be empty or blank.");
        }

        foreach (var (name, value) in command.Variables)
        {
            if (command.Local)
            {
                VariableScopes.SetLocal(session, scopeKey, name, value);
            }
            else
            {
                VariableScopes.SetPropagated(session, scopeKey, name, value);
            }
        }

        return null;
    }
}
