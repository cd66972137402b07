namespace TaskFunctions.Domain.UserTasks;

/// <summary>The outcome of <see cref="UserTaskChangeset.FromJson"/>: a changeset, or a validation error.</summary>
public sealed record UserTaskChangesetParseResult(UserTaskChangeset? Changeset, DomainError? Error)
{
    public bool IsSuccess => Changeset is not null;
}
