using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Execution;

/// <summary>Creates the job of a service, send, business-rule or job-based script task and waits for the worker.</summary>
internal sealed class JobBehavior : IElementBehavior
{
    public static readonly JobBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var task = (JobWorkerTask)node;
        if (!TryResolveType(session, element, task.Job.Type, out var type, out var failure)
            || !TryResolveRetries(session, element, task.Job.Retries, out var retries, out failure))
        {
            Incidents.Raise(session, element, IncidentErrorType.ExtractValueError, failure!);
            return;
        }

        var job = new Job
        {
            JobKey = session.NextKey(),
            Type = type,
            Retries = retries,
            State = JobState.Activatable,
            ProcessInstanceKey = session.InstanceKey,
            ProcessDefinitionKey = session.ProcessDefinitionKey,
            BpmnProcessId = session.Definition.BpmnProcessId,
            ElementId = node.Id,
            ElementInstanceKey = element.Key,
            CustomHeaders = task.Headers,
            Variables = VariableScopes.Visible(session, element.Key),
            CreatedAt = session.Now,
            ActivatableAt = session.Now,
            Version = 1,
        };
        session.PutJob(job);
        element = TokenFlow.MarkActive(session, session.Update(element with { JobKey = job.JobKey }));
        session.AddEffect(new JobCreated(job.JobKey, job.Type, job.ActivatableAt));
        session.Emit(ProcessEventType.JobCreated, element, new JsonObject { ["type"] = job.Type, ["retries"] = job.Retries }, jobKey: job.JobKey);
    }

    public static void CancelJob(ExecutionSession session, long jobKey)
    {
        if (!session.Jobs.TryGetValue(jobKey, out var job) || job.State is not (JobState.Activatable or JobState.Failed))
        {
            return;
        }

        session.PutJob(job with { State = JobState.Canceled, Version = job.Version + 1 });
        if (job.State == JobState.Activatable)
        {
            session.AddEffect(new JobCanceled(job.JobKey, job.Type));
        }

        session.Emit(ProcessEventType.JobCanceled, session.Elements.GetValueOrDefault(job.ElementInstanceKey), jobKey: jobKey);
    }

    private static bool TryResolveType(ExecutionSession session, ElementInstance element, ExpressionOrValue<string> value, out string type, out string? failure)
    {
        failure = null;
        type = string.Empty;
        if (value.Expression is null)
        {
            type = value.Value;
            return true;
        }

        var result = VariableScopes.Evaluate(session, element.Key, value.Expression);
        if (result.IsSuccess && result.Value is FeelString { Value.Length: > 0 } text)
        {
            type = text.Value;
            return true;
        }

        failure = $"The job type expression '{value.Expression.Source}' must yield a non-empty string, but {result.Failure ?? $"yielded {result.Value.TypeName} '{result.Value}'"}.";
        return false;
    }

    private static bool TryResolveRetries(ExecutionSession session, ElementInstance element, ExpressionOrValue<int> value, out int retries, out string? failure)
    {
        failure = null;
        retries = 0;
        if (value.Expression is null)
        {
            retries = value.Value;
            return true;
        }

        var result = VariableScopes.Evaluate(session, element.Key, value.Expression);
        if (result.IsSuccess && result.Value is FeelNumber number && number.Value >= 0 && number.Value <= int.MaxValue && decimal.Truncate(number.Value) == number.Value)
        {
            retries = (int)number.Value;
            return true;
        }

        failure = $"The job retries expression '{value.Expression.Source}' must yield a whole number of at least 0, but {result.Failure ?? $"yielded {result.Value.TypeName} '{result.Value}'"}.";
        return false;
    }
}
