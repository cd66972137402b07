using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;
using TaskFunctions.Domain.UserTasks;
using BpmnUserTask = TaskFunctions.Domain.Bpmn.UserTask;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Creates the user task through <see cref="UserTaskActivation"/> and waits; afterwards every change goes through
/// <see cref="UserTaskLifecycle"/>, and the interpreter reacts to its outcome (continue, throw, schedule dates).
/// Every user task is a task entity here, including job-based ones (<c>IsCamundaUserTask</c> false): the product
/// serves all of them through its user-task API.
/// </summary>
internal sealed class UserTaskBehavior : IElementBehavior
{
    public static readonly UserTaskBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var definition = (BpmnUserTask)node;
        var userTaskKey = session.NextKey();
        var request = UserTaskActivationRequest.For(
            definition,
            userTaskKey,
            session.InstanceKey,
            element.Key,
            session.ProcessDefinitionKey,
            session.Definition.BpmnProcessId,
            session.ProcessDefinitionVersion,
            VariableScopes.ContextFor(session, element.Key),
            session.Now,
            session.NextToken) with
        {
            Caller = session.Context.Caller,
        };
        UserTaskActivationResult activation;
        try
        {
            activation = UserTaskActivation.Activate(request);
        }
        catch (FormatException e)
        {
            Incidents.Raise(session, element, IncidentErrorType.UserTaskActivationFailed, e.Message);
            return;
        }

        if (!activation.IsSuccess)
        {
            Incidents.Raise(session, element, IncidentErrorType.UserTaskActivationFailed, activation.Incident);
            return;
        }

        session.PutUserTask(activation.Task);
        element = TokenFlow.MarkActive(session, session.Update(element with { UserTaskKey = userTaskKey }));
        Record(session, element, activation.Events);
        foreach (var outcome in activation.Outcomes)
        {
            React(session, element, activation.Task, outcome);
        }
    }

    /// <summary>Applies a lifecycle command to a task of this instance and reacts to the outcome.</summary>
    public static DomainError? Apply(ExecutionSession session, UserTask task, UserTaskCommand command, Caller caller)
    {
        var result = UserTaskLifecycle.Apply(task, command, caller, session.Now, session.NextToken);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        if (!result.Changed)
        {
            return null;
        }

        session.PutUserTask(result.Task);
        var element = session.Elements.GetValueOrDefault(task.ElementInstanceKey);
        Record(session, element, result.Events);
        if (element is not null)
        {
            foreach (var outcome in result.Outcomes)
            {
                React(session, element, result.Task, outcome);
            }
        }

        return null;
    }

    /// <summary>Cancels the open task of an element that is being terminated.</summary>
    public static void CancelTask(ExecutionSession session, long userTaskKey, string reason)
    {
        if (!session.UserTasks.TryGetValue(userTaskKey, out var task) || !task.IsOpen)
        {
            return;
        }

        var result = UserTaskLifecycle.Apply(task, new UserTaskCommand.Cancel(reason), Caller.System, session.Now, session.NextToken);
        if (result.IsSuccess && result.Changed)
        {
            session.PutUserTask(result.Task);
            Record(session, session.Elements.GetValueOrDefault(task.ElementInstanceKey), result.Events);
        }
    }

    private static void React(ExecutionSession session, ElementInstance element, UserTask task, UserTaskOutcome outcome)
    {
        switch (outcome)
        {
            case UserTaskOutcome.Completed completed:
                Timers.CancelFor(session, element.Key);
                Mappings.MergeCompletionVariables(session, element, ((Activity)session.Node(element)).IoMapping, completed.Variables);
                TokenFlow.CompleteLater(session, element);
                break;
            case UserTaskOutcome.Failed failed:
                Timers.CancelFor(session, element.Key);
                Fail(session, element, task, failed);
                break;
            case UserTaskOutcome.Canceled canceled:
                // Canceled by a person: the task ends without an error path and its branch stops here.
                Branches.Stop(
                    session,
                    element,
                    $"user task {task.UserTaskKey} canceled{(canceled.Reason is { } r ? $": {r}" : string.Empty)}");
                break;
            case UserTaskOutcome.DueDateChanged due:
                ScheduleDate(session, element, task, ScheduledTimerKind.DueDate, Timers.DueDateTimerId(task.UserTaskKey), due.DueDate, due.TimerToken);
                break;
            case UserTaskOutcome.FollowUpDateChanged followUp:
                ScheduleDate(session, element, task, ScheduledTimerKind.FollowUp, Timers.FollowUpTimerId(task.UserTaskKey), followUp.FollowUpDate, followUp.TimerToken);
                break;
        }
    }

    private static void Fail(ExecutionSession session, ElementInstance element, UserTask task, UserTaskOutcome.Failed failed)
    {
        if (failed.ErrorCode is null)
        {
            Incidents.Raise(
                session,
                element,
                IncidentErrorType.TaskFailed,
                $"User task {task.UserTaskKey} failed without an error code: {failed.ErrorMessage}",
                userTaskKey: task.UserTaskKey);
            return;
        }

        if (!ErrorThrowing.TryThrow(session, element, failed.ErrorCode, failed.ErrorMessage, null))
        {
            Incidents.Raise(
                session,
                element,
                IncidentErrorType.UnhandledErrorEvent,
                $"User task {task.UserTaskKey} failed with error code '{failed.ErrorCode}', which no error boundary event catches: {failed.ErrorMessage}",
                userTaskKey: task.UserTaskKey,
                errorCode: failed.ErrorCode);
        }
    }

    private static void ScheduleDate(
        ExecutionSession session,
        ElementInstance element,
        UserTask task,
        ScheduledTimerKind kind,
        string timerId,
        DateTimeOffset? date,
        string? token)
    {
        if (date is not { } dueAt || token is null)
        {
            Timers.Cancel(session, timerId);
            return;
        }

        Timers.Schedule(session, new PendingTimer
        {
            TimerId = timerId,
            Token = token,
            DueAt = dueAt,
            Kind = kind,
            ElementInstanceKey = element.Key,
            ElementId = element.ElementId,
            UserTaskKey = task.UserTaskKey,
        });
    }

    private static void Record(ExecutionSession session, ElementInstance? element, IReadOnlyList<UserTaskEvent> events)
    {
        foreach (var entry in events)
        {
            session.Emit(
                ProcessEventType.UserTaskEvent,
                element,
                JsonSerializer.SerializeToNode(entry, UserTaskJson.Options)!.AsObject(),
                userTaskKey: entry.UserTaskKey,
                actor: entry.Actor,
                timestamp: entry.Timestamp);
        }
    }
}
