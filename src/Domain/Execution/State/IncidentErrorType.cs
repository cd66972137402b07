namespace TaskFunctions.Domain.Execution;

/// <summary>Why an incident was raised (named after Camunda's incident error types).</summary>
public enum IncidentErrorType
{
    /// <summary>An expression failed or yielded a value of the wrong type (mapping, script, timer, job type, ...).</summary>
    ExtractValueError,

    /// <summary>No outgoing condition of a gateway was true and there is no default flow.</summary>
    ConditionError,

    /// <summary>A BPMN error was thrown and no error boundary event caught it.</summary>
    UnhandledErrorEvent,

    /// <summary>A job failed and has no retries left.</summary>
    JobNoRetries,

    /// <summary>A user task failed without an error code.</summary>
    TaskFailed,

    /// <summary>The command activated more elements than one command may (an endless loop).</summary>
    ExecutionLimitExceeded,

    /// <summary>The user task could not be created (e.g. an assignment expression failed).</summary>
    UserTaskActivationFailed,
}
