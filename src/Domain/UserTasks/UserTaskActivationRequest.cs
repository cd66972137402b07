using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>Everything <see cref="UserTaskActivation.Activate"/> needs to create a user task when a token reaches it.</summary>
public sealed record UserTaskActivationRequest
{
    public required UserTaskDefinition Definition { get; init; }

    /// <summary>The BPMN id of the user task element.</summary>
    public required string ElementId { get; init; }

    /// <summary>The BPMN name of the user task element.</summary>
    public string? Name { get; init; }

    /// <summary>Static headers (<c>zeebe:taskHeaders</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public required long UserTaskKey { get; init; }

    public required long ProcessInstanceKey { get; init; }

    public required long ElementInstanceKey { get; init; }

    public required long ProcessDefinitionKey { get; init; }

    public required string BpmnProcessId { get; init; }

    public int ProcessDefinitionVersion { get; init; }

    public string TenantId { get; init; } = UserTask.DefaultTenantId;

    /// <summary>The variables visible at the task, and the time <c>now()</c> returns.</summary>
    public required FeelContext Context { get; init; }

    /// <summary>The activation time: the task's creation date and the timestamp of its events.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Issues a fresh, unique token for each timer the task schedules.</summary>
    public required Func<string> NewToken { get; init; }

    /// <summary>Who activates the task, for the audit trail; the engine unless told otherwise.</summary>
    public Caller Caller { get; init; } = Caller.System;

    /// <summary>Builds a request for the BPMN element <paramref name="element"/> (its definition, id, name and headers).</summary>
    public static UserTaskActivationRequest For(
        Bpmn.UserTask element,
        long userTaskKey,
        long processInstanceKey,
        long elementInstanceKey,
        long processDefinitionKey,
        string bpmnProcessId,
        int processDefinitionVersion,
        FeelContext context,
        DateTimeOffset now,
        Func<string> newToken)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new UserTaskActivationRequest
        {
            Definition = element.Definition,
            ElementId = element.Id,
            Name = element.Name,
            Headers = element.Headers,
            UserTaskKey = userTaskKey,
            ProcessInstanceKey = processInstanceKey,
            ElementInstanceKey = elementInstanceKey,
            ProcessDefinitionKey = processDefinitionKey,
            BpmnProcessId = bpmnProcessId,
            ProcessDefinitionVersion = processDefinitionVersion,
            Context = context,
            Now = now,
            NewToken = newToken,
        };
    }
}
