using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Runs process instances: (definition, instance, command, context) → new instance with events and effects, or a
/// domain error with nothing changed. Pure and deterministic: time, caller, keys and timer tokens come from the
/// <see cref="ExecutionContext"/>. Each command runs until the instance waits again (user task, job, timer) or ends.
/// </summary>
public static class ProcessInterpreter
{
    public static ExecutionResult Execute(
        ProcessDefinition definition,
        ProcessInstance? instance,
        ProcessCommand command,
        ExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);

        if (command is StartInstance)
        {
            if (instance is not null)
            {
                return ExecutionResult.Failure(ExecutionErrors.AlreadyStarted(instance.State));
            }

            instance = NewInstance(definition, context);
        }
        else if (instance is null)
        {
            return ExecutionResult.Failure(ExecutionErrors.NotStarted(command));
        }

        if (instance.State.BpmnProcessId != definition.BpmnProcessId)
        {
            return ExecutionResult.Failure(ExecutionErrors.DefinitionMismatch(instance.State, definition.BpmnProcessId));
        }

        var unknown = instance.State.ElementInstances
            .Where(e => e.FlowScopeKey is not null && !definition.FlowNodes.ContainsKey(e.ElementId))
            .Select(e => e.ElementId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            return ExecutionResult.Failure(ExecutionErrors.UnknownElements(instance.State, unknown));
        }

        if (instance.Status != ProcessInstanceStatus.Active)
        {
            return ExecuteOnEndedInstance(instance, command, context);
        }

        var session = new ExecutionSession(definition, instance, context);
        var error = Dispatch(session, command);
        if (error is not null)
        {
            return ExecutionResult.Failure(error);
        }

        TokenFlow.Run(session);
        return session.HasChanges ? session.ToResult() : ExecutionResult.Unchanged(instance);
    }

    private static DomainError? Dispatch(ExecutionSession session, ProcessCommand command)
    {
        switch (command)
        {
            case StartInstance start:
                if (start.Variables is not null && start.Variables.Any(v => string.IsNullOrWhiteSpace(v.Key)))
                {
                    return ExecutionErrors.InvalidVariables("Variable names must not be empty or blank.");
                }

                StartInstanceHandler.Handle(session, start);
                return null;
            case CancelInstance:
                InstanceEnd.Cancel(session);
                return null;
            case UserTaskCommandEnvelope envelope:
                return UserTaskCommandHandler.Handle(session, envelope);
            case TimerFired fired:
                return TimerFiredHandler.Handle(session, fired);
            case CompleteJob complete:
                return JobCommandHandler.Complete(session, complete);
            case FailJob fail:
                return JobCommandHandler.Fail(session, fail);
            case ThrowJobError throwError:
                return JobCommandHandler.ThrowError(session, throwError);
            case UpdateJobRetries retries:
                return JobCommandHandler.UpdateRetries(session, retries);
            case SetVariables set:
                return SetVariablesHandler.Handle(session, set);
            case ResolveIncident resolve:
                return IncidentResolver.Resolve(session, resolve);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown process command.");
        }
    }

    // An ended instance accepts only what changes nothing: stale timers and repeats the lifecycle treats as no-ops.
    private static ExecutionResult ExecuteOnEndedInstance(
        ProcessInstance instance,
        ProcessCommand command,
        ExecutionContext context)
    {
        switch (command)
        {
            case TimerFired:
                return ExecutionResult.Unchanged(instance);
            case UserTaskCommandEnvelope envelope when instance.UserTasks.TryGetValue(envelope.UserTaskKey, out var task):
                var result = UserTaskLifecycle.Apply(task, envelope.Command, context.Caller, context.Now, context.NewToken);
                return result.IsSuccess && !result.Changed
                    ? ExecutionResult.Unchanged(instance)
                    : ExecutionResult.Failure(result.Error ?? ExecutionErrors.InstanceNotActive(instance.State, command));
            default:
                return ExecutionResult.Failure(ExecutionErrors.InstanceNotActive(instance.State, command));
        }
    }

    private static ProcessInstance NewInstance(ProcessDefinition definition, ExecutionContext context) =>
        new(
            new ProcessInstanceState
            {
                ProcessInstanceKey = context.Keys.NextKey(),
                ProcessDefinitionKey = context.ProcessDefinitionKey,
                BpmnProcessId = definition.BpmnProcessId,
                ProcessDefinitionVersion = context.ProcessDefinitionVersion,
                Status = ProcessInstanceStatus.Active,
                StartedAt = context.Now,
            },
            new Dictionary<long, UserTasks.UserTask>(),
            new Dictionary<long, Job>());
}
