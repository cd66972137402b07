namespace TaskFunctions.Domain;

/// <summary>
/// What kind of rule a command broke. The HTTP layer maps each kind to one status code (given per member).
/// </summary>
public enum DomainErrorKind
{
    /// <summary>The addressed entity does not exist. HTTP 404.</summary>
    NotFound,

    /// <summary>The entity is in a state where the command is not allowed, e.g. the task already ended. HTTP 409.</summary>
    InvalidState,

    /// <summary>
    /// The command clashes with the entity's current data: assigned to someone else without override, completion of a task
    /// the caller does not hold. HTTP 409.
    /// </summary>
    Conflict,

    /// <summary>
    /// The user is not among the task's assignee, candidate users or candidate groups. HTTP 409, as Camunda answers
    /// precondition failures with 409; it is a property of the task's data, not of the caller's permissions.
    /// </summary>
    NotEligible,

    /// <summary>The caller is not allowed to do this at all, e.g. unassign a task someone else holds. HTTP 403.</summary>
    Forbidden,

    /// <summary>The command's input is malformed or incomplete (see <see cref="DomainError.Fields"/>). HTTP 400.</summary>
    Validation,
}
