using System.Globalization;
using TaskFunctions.Domain;

namespace TaskFunctions.Storage.Runtime;

/// <summary>The domain errors the runtime itself answers with (unknown keys).</summary>
public static class RuntimeErrors
{
    public static DomainError ProcessInstanceNotFound(long key) =>
        new(DomainErrorKind.NotFound, "PROCESS_INSTANCE_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"No process instance with key {key} exists.")) { EntityKey = key };

    public static DomainError UserTaskNotFound(long key) =>
        new(DomainErrorKind.NotFound, "USER_TASK_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"No user task with key {key} exists.")) { EntityKey = key };

    public static DomainError JobNotFound(long key) =>
        new(DomainErrorKind.NotFound, "JOB_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"No job with key {key} exists.")) { EntityKey = key };

    public static DomainError ProcessDefinitionNotFound(long key) =>
        new(DomainErrorKind.NotFound, "PROCESS_DEFINITION_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"No process definition with key {key} is deployed.")) { EntityKey = key };
}
