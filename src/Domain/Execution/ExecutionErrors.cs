namespace TaskFunctions.Domain.Execution;

/// <summary>The domain errors of the interpreter, with stable codes.</summary>
public static class ExecutionErrors
{
    public static DomainError InstanceNotActive(ProcessInstanceState state, ProcessCommand command) =>
        new(DomainErrorKind.InvalidState, "PROCESS_INSTANCE_NOT_ACTIVE",
            $"Process instance {state.ProcessInstanceKey} is {state.Status.ToString().ToLowerInvariant()}; {Describe(command)} is only allowed while it is active.")
        {
            EntityKey = state.ProcessInstanceKey,
        };

    public static DomainError AlreadyStarted(ProcessInstanceState state) =>
        new(DomainErrorKind.InvalidState, "PROCESS_INSTANCE_ALREADY_STARTED",
            $"Process instance {state.ProcessInstanceKey} was already started; start a new instance instead.")
        {
            EntityKey = state.ProcessInstanceKey,
        };

    public static DomainError NotStarted(ProcessCommand command) =>
        new(DomainErrorKind.NotFound, "PROCESS_INSTANCE_NOT_FOUND",
            $"There is no process instance to apply {Describe(command)} to; start one first.");

    public static DomainError DefinitionMismatch(ProcessInstanceState state, string bpmnProcessId) =>
        new(DomainErrorKind.Validation, "PROCESS_DEFINITION_MISMATCH",
            $"Process instance {state.ProcessInstanceKey} runs process '{state.BpmnProcessId}', not '{bpmnProcessId}'.")
        {
            EntityKey = state.ProcessInstanceKey,
        };

    public static DomainError UserTaskNotFound(long userTaskKey) =>
        new(DomainErrorKind.NotFound, "USER_TASK_NOT_FOUND", $"User task {userTaskKey} does not belong to this process instance.")
        {
            EntityKey = userTaskKey,
        };

    public static DomainError JobNotFound(long jobKey) =>
        new(DomainErrorKind.NotFound, "JOB_NOT_FOUND", $"Job {jobKey} does not belong to this process instance.") { EntityKey = jobKey };

    public static DomainError JobNotActivatable(Job job, string verb) =>
        new(DomainErrorKind.InvalidState, "JOB_NOT_ACTIVATABLE",
            $"Job {job.JobKey} is {job.State.ToString().ToLowerInvariant()}; only an activatable job can be {verb}.")
        {
            EntityKey = job.JobKey,
        };

    public static DomainError InvalidRetries(long jobKey, int retries) =>
        new(DomainErrorKind.Validation, "JOB_INVALID_RETRIES", $"Retries must be 0 or more, got {retries}.") { Fields = ["retries"], EntityKey = jobKey };

    public static DomainError InvalidBackoff(long jobKey, TimeSpan backoff) =>
        new(DomainErrorKind.Validation, "JOB_INVALID_BACKOFF", $"A retry backoff of {backoff} reaches beyond the year 9999; use a shorter backoff.")
        {
            Fields = ["retryBackoff"],
            EntityKey = jobKey,
        };

    public static DomainError UnknownElements(ProcessInstanceState state, IEnumerable<string> elementIds) =>
        new(DomainErrorKind.Validation, "PROCESS_DEFINITION_MISMATCH",
            $"Process instance {state.ProcessInstanceKey} has tokens at {string.Join(", ", elementIds.Select(id => $"'{id}'"))}, which the given definition of '{state.BpmnProcessId}' does not contain; pass the definition the instance was started with.")
        {
            EntityKey = state.ProcessInstanceKey,
        };

    public static DomainError InvalidErrorCode(long jobKey) =>
        new(DomainErrorKind.Validation, "JOB_NO_ERROR_CODE", "Throwing an error needs a non-empty error code.") { Fields = ["errorCode"], EntityKey = jobKey };

    public static DomainError IncidentNotFound(long incidentKey) =>
        new(DomainErrorKind.NotFound, "INCIDENT_NOT_FOUND", $"Incident {incidentKey} is not open in this process instance.")
        {
            EntityKey = incidentKey,
        };

    public static DomainError IncidentNeedsRetries(Incident incident, Job job) =>
        new(DomainErrorKind.InvalidState, "INCIDENT_JOB_HAS_NO_RETRIES",
            $"Incident {incident.Key} is about job {job.JobKey}, which has no retries left; update its retries to 1 or more first.")
        {
            EntityKey = incident.Key,
        };

    public static DomainError ScopeNotFound(long scopeKey) =>
        new(DomainErrorKind.NotFound, "VARIABLE_SCOPE_NOT_FOUND",
            $"There is no active element instance {scopeKey} in this process instance to set variables on; use the process instance key or an active element instance key.")
        {
            EntityKey = scopeKey,
        };

    public static DomainError InvalidVariables(string message) =>
        new(DomainErrorKind.Validation, "INVALID_VARIABLES", message) { Fields = ["variables"] };

    private static string Describe(ProcessCommand command) => command switch
    {
        UserTaskCommandEnvelope envelope => $"{envelope.Command.Operation.ToString().ToLowerInvariant()} of user task {envelope.UserTaskKey}",
        _ => command.GetType().Name,
    };
}
