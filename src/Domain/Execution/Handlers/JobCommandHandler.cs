using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>What workers report about jobs: completion, failure (retry or incident), a BPMN error, new retries.</summary>
internal static class JobCommandHandler
{
    public static DomainError? Complete(ExecutionSession session, CompleteJob command)
    {
        if (Activatable(session, command.JobKey, "completed", out var job) is { } error)
        {
            return error;
        }

        session.PutJob(job with { State = JobState.Completed, Version = job.Version + 1 });
        session.AddEffect(new JobCanceled(job.JobKey, job.Type));
        var element = session.Elements[job.ElementInstanceKey];
        session.Emit(ProcessEventType.JobCompleted, element, new JsonObject { ["variables"] = command.Variables?.DeepClone() }, jobKey: job.JobKey);
        Mappings.MergeCompletionVariables(session, element, ((Activity)session.Node(element)).IoMapping, command.Variables);
        TokenFlow.CompleteLater(session, element);
        return null;
    }

    public static DomainError? Fail(ExecutionSession session, FailJob command)
    {
        if (command.Retries < 0)
        {
            return ExecutionErrors.InvalidRetries(command.JobKey, command.Retries);
        }

        if (command.RetryBackoff is { } requested && requested > DateTimeOffset.MaxValue - session.Now)
        {
            return ExecutionErrors.InvalidBackoff(command.JobKey, requested);
        }

        if (Activatable(session, command.JobKey, "failed", out var job) is { } error)
        {
            return error;
        }

        var element = session.Elements[job.ElementInstanceKey];
        var backoff = command.RetryBackoff is { } b && b > TimeSpan.Zero ? b : TimeSpan.Zero;
        job = job with
        {
            Retries = command.Retries,
            ErrorMessage = command.ErrorMessage,
            State = command.Retries > 0 ? JobState.Activatable : JobState.Failed,
            ActivatableAt = session.Now + backoff,
            Version = job.Version + 1,
        };
        session.PutJob(job);
        session.Emit(
            ProcessEventType.JobFailed,
            element,
            new JsonObject { ["retries"] = job.Retries, ["errorMessage"] = job.ErrorMessage, ["retryBackoff"] = backoff.ToString("c") },
            jobKey: job.JobKey);
        if (job.State == JobState.Activatable)
        {
            session.AddEffect(new JobCreated(job.JobKey, job.Type, job.ActivatableAt));
        }
        else
        {
            session.AddEffect(new JobCanceled(job.JobKey, job.Type));
            Incidents.Raise(
                session,
                element,
                IncidentErrorType.JobNoRetries,
                $"Job {job.JobKey} of type '{job.Type}' failed and has no retries left: {job.ErrorMessage ?? "no message"}",
                jobKey: job.JobKey);
        }

        return null;
    }

    public static DomainError? ThrowError(ExecutionSession session, ThrowJobError command)
    {
        if (string.IsNullOrWhiteSpace(command.ErrorCode))
        {
            return ExecutionErrors.InvalidErrorCode(command.JobKey);
        }

        if (Activatable(session, command.JobKey, "used to throw an error", out var job) is { } error)
        {
            return error;
        }

        job = job with { State = JobState.ErrorThrown, ErrorCode = command.ErrorCode, ErrorMessage = command.ErrorMessage, Version = job.Version + 1 };
        session.PutJob(job);
        session.AddEffect(new JobCanceled(job.JobKey, job.Type));
        var element = session.Elements[job.ElementInstanceKey];
        session.Emit(
            ProcessEventType.JobErrorThrown,
            element,
            new JsonObject { ["errorCode"] = command.ErrorCode, ["errorMessage"] = command.ErrorMessage },
            jobKey: job.JobKey);
        if (!ErrorThrowing.TryThrow(session, element, command.ErrorCode, command.ErrorMessage, command.Variables?.DeepClone().AsObject()))
        {
            Incidents.Raise(
                session,
                element,
                IncidentErrorType.UnhandledErrorEvent,
                $"Job {job.JobKey} threw error '{command.ErrorCode}', which no error boundary event catches: {command.ErrorMessage ?? "no message"}",
                jobKey: job.JobKey,
                errorCode: command.ErrorCode);
        }

        return null;
    }

    public static DomainError? UpdateRetries(ExecutionSession session, UpdateJobRetries command)
    {
        if (command.Retries < 0)
        {
            return ExecutionErrors.InvalidRetries(command.JobKey, command.Retries);
        }

        if (!session.Jobs.TryGetValue(command.JobKey, out var job))
        {
            return ExecutionErrors.JobNotFound(command.JobKey);
        }

        if (job.State is not (JobState.Activatable or JobState.Failed))
        {
            return ExecutionErrors.JobNotActivatable(job, "given new retries");
        }

        if (job.Retries == command.Retries)
        {
            return null;
        }

        session.PutJob(job with { Retries = command.Retries, Version = job.Version + 1 });
        session.Emit(
            ProcessEventType.JobRetriesUpdated,
            session.Elements.GetValueOrDefault(job.ElementInstanceKey),
            new JsonObject { ["retries"] = command.Retries },
            jobKey: job.JobKey);
        return null;
    }

    /// <summary>Offers a failed job (or one that threw an uncaught error) to workers again when its incident is resolved.</summary>
    public static void Reactivate(ExecutionSession session, Job job)
    {
        job = job with { State = JobState.Activatable, ActivatableAt = session.Now, Version = job.Version + 1 };
        session.PutJob(job);
        session.AddEffect(new JobCreated(job.JobKey, job.Type, job.ActivatableAt));
    }

    private static DomainError? Activatable(ExecutionSession session, long jobKey, string verb, out Job job)
    {
        if (!session.Jobs.TryGetValue(jobKey, out job!))
        {
            return ExecutionErrors.JobNotFound(jobKey);
        }

        return job.State == JobState.Activatable && session.Elements.ContainsKey(job.ElementInstanceKey)
            ? null
            : ExecutionErrors.JobNotActivatable(job, verb);
    }
}
