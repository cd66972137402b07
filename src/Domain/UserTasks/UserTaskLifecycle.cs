using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// Applies commands to user tasks. Every command goes through the same steps, so the rules read in one order:
/// <list type="number">
/// <item>the command's own input is checked (400, whatever the task's state, as a gateway would);</item>
/// <item>timer commands are only accepted from the engine (<see cref="Caller.System"/>);</item>
/// <item>the <see cref="UserTaskTransitions"/> table decides whether the operation is valid in the task's state;</item>
/// <item>the command's rules: who may do it, eligibility, conflicts, required outputs.</item>
/// </list>
/// Who may do what (trusted = administrator, engine, or the anonymous caller of a deployment without authentication):
/// <list type="bullet">
/// <item>Assign: a trusted caller assigns anyone eligible; the current assignee hands the task over to anyone eligible;
/// any other user may only assign the task to themselves, which is a claim (refused while someone else holds it).
/// Without <c>allowOverride: false</c> a trusted caller or the holder replaces the assignee.</item>
/// <item>Claim: an authenticated, eligible user; first claim wins.</item>
/// <item>Unassign / Unclaim: the assignee or a trusted caller; on an unassigned task a no-op for everyone.</item>
/// <item>Update: the assignee or a trusted caller (Camunda leaves it to an UPDATE permission; here eligibility alone
/// does not let someone reschedule or re-target a task they do not hold).</item>
/// <item>Complete, Fail, Cancel: the assignee or a trusted caller; a user on an unassigned task is told to claim it first.</item>
/// </list>
/// The new assignee must always be eligible. A user's groups are known for the caller (from the token) and for an
/// assignee whose groups the runtime supplies; a trusted caller assigning someone whose groups are unknown vouches for
/// their membership of the candidate groups.
/// </summary>
public static class UserTaskLifecycle
{
    /// <summary>
    /// Longest user or group id a command may set (assignee, claim, candidates). Ids longer than any identity provider
    /// issues would only bloat the task and its index rows.
    /// </summary>
    public const int MaxIdLength = 256;

    /// <summary>Most candidate users or groups one update may set.</summary>
    public const int MaxCandidates = 100;

    /// <summary>Applies <paramref name="command"/> by <paramref name="caller"/> at <paramref name="now"/>; never throws for a rejected command.</summary>
    public static UserTaskCommandResult Apply(UserTask task, UserTaskCommand command, Caller caller, DateTimeOffset now, Func<string> newToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(newToken);

        if (ValidateInput(task, command, caller) is { } invalid)
            return UserTaskCommandResult.Rejected(invalid);

        if (command is MarkOverdue or MarkFollowUpDue && !caller.IsSystem)
        {
            return UserTaskCommandResult.Rejected(UserTaskErrors.Forbidden(task, "USER_TASK_TIMER_FORBIDDEN",
                $"Only the engine fires the timers of user task {task.UserTaskKey}; '{caller.Actor}' may not."));
        }

        var transition = UserTaskTransitions.Find(task.State, command.Operation);
        if (transition is null)
            return UserTaskCommandResult.Rejected(UserTaskErrors.InvalidState(task, command.Operation));

        if (transition.Kind != UserTaskTransitionKind.Apply)
            return UserTaskCommandResult.Unchanged(task);

        var change = new Change(task, caller, now, newToken);
        return command switch
        {
            Assign assign => ApplyAssign(change, assign),
            Claim => ApplyClaim(change),
            Unassign => ApplyUnassign(change, "unassign"),
            Unclaim => ApplyUnassign(change, "unclaim"),
            Update update => ApplyUpdate(change, update.Changes),
            Complete complete => ApplyComplete(change, complete),
            Fail fail => ApplyFail(change, fail),
            Cancel cancel => ApplyCancel(change, cancel),
            MarkOverdue overdue => ApplyOverdue(change, overdue.Token),
            MarkFollowUpDue followUp => ApplyFollowUpDue(change, followUp.Token),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown user task command."),
        };
    }

    private static DomainError? ValidateInput(UserTask task, UserTaskCommand command, Caller caller)
    {
        switch (command)
        {
            case Assign assign when string.IsNullOrWhiteSpace(assign.Assignee):
                return UserTaskErrors.Validation(task, "USER_TASK_NO_ASSIGNEE",
                    "No assignee provided: give the id of the user to assign the task to, or unassign the task to remove its assignee.",
                    "assignee");
            case Assign assign when assign.Assignee.Length > MaxIdLength:
                return UserTaskErrors.Validation(task, "USER_TASK_ID_TOO_LONG",
                    $"The assignee is {assign.Assignee.Length} characters long; user ids may have at most {MaxIdLength}.",
                    "assignee");
            case Claim when !caller.HasIdentity:
                return UserTaskErrors.Validation(task, "USER_TASK_CLAIM_WITHOUT_USER",
                    $"A claim needs an authenticated user to assign user task {task.UserTaskKey} to; '{caller.Actor}' has no user id. Assign the task to a named user instead.");
            case Claim when caller.UserId!.Length > MaxIdLength:
                return UserTaskErrors.Validation(task, "USER_TASK_ID_TOO_LONG",
                    $"The caller's user id is {caller.UserId.Length} characters long; user ids may have at most {MaxIdLength}.");
            case Update update:
                return ValidateChangeset(task, update.Changes);
            case Complete complete when complete.Variables is { } variables && variables.Any(v => string.IsNullOrWhiteSpace(v.Key)):
                return UserTaskErrors.Validation(task, "USER_TASK_INVALID_VARIABLE_NAME",
                    "Variable names must not be empty or blank.", "variables");
            case Fail fail when string.IsNullOrWhiteSpace(fail.ErrorMessage):
                return UserTaskErrors.Validation(task, "USER_TASK_NO_ERROR_MESSAGE",
                    $"Failing user task {task.UserTaskKey} needs an error message saying what went wrong; the error code is optional.",
                    "errorMessage");
            default:
                return null;
        }
    }

    private static DomainError? ValidateChangeset(UserTask task, UserTaskChangeset changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var problems = new List<string>();
        var fields = new List<string>();
        if (changes.Priority.Kind == FieldUpdateKind.Clear)
        {
            problems.Add("The priority cannot be cleared; set a value within the [0,100] range.");
            fields.Add(UserTaskChangeset.PriorityField);
        }
        else if (changes.Priority.Kind == FieldUpdateKind.Set && changes.Priority.Value is < 0 or > 100)
        {
            problems.Add($"The value for priority is '{changes.Priority.Value}' but must be within the [0,100] range.");
            fields.Add(UserTaskChangeset.PriorityField);
        }

        CheckNames(changes.CandidateUsers, UserTaskChangeset.CandidateUsersField, "user ids");
        CheckNames(changes.CandidateGroups, UserTaskChangeset.CandidateGroupsField, "group ids");
        return problems.Count == 0
            ? null
            : UserTaskErrors.Validation(task, "USER_TASK_INVALID_CHANGESET", string.Join(" ", problems), [.. fields]);

        void CheckNames(FieldUpdate<IReadOnlyList<string>> update, string field, string what)
        {
            if (update.Kind == FieldUpdateKind.Set && (update.Value is null || update.Value.Any(string.IsNullOrWhiteSpace)))
            {
                problems.Add($"{field} must list non-empty {what}; use [] to remove them all.");
                fields.Add(field);
            }
            else if (update.Kind == FieldUpdateKind.Set && update.Value!.Any(v => v.Length > MaxIdLength))
            {
                problems.Add($"{field} may list {what} of at most {MaxIdLength} characters.");
                fields.Add(field);
            }
            else if (update.Kind == FieldUpdateKind.Set && update.Value!.Count > MaxCandidates)
            {
                problems.Add($"{field} lists {update.Value.Count} {what}; at most {MaxCandidates} are allowed.");
                fields.Add(field);
            }
        }
    }

    private static UserTaskCommandResult ApplyAssign(Change change, Assign command)
    {
        var (task, caller) = (change.Task, change.Caller);
        var assignee = command.Assignee;
        var isSelf = string.Equals(caller.UserId, assignee, StringComparison.Ordinal);
        var holdsTask = caller.HasIdentity && string.Equals(task.Assignee, caller.UserId, StringComparison.Ordinal);

        if (!caller.IsTrusted && !holdsTask && !isSelf)
        {
            return UserTaskCommandResult.Rejected(UserTaskErrors.Forbidden(task, "USER_TASK_ASSIGN_FORBIDDEN",
                $"User '{caller.UserId}' may not assign user task {task.UserTaskKey} to '{assignee}': only its assignee or an administrator assigns it to someone else; you may assign it to yourself."));
        }

        if (string.Equals(task.Assignee, assignee, StringComparison.Ordinal))
            return UserTaskCommandResult.Unchanged(task);

        var groups = isSelf ? caller.Groups : command.AssigneeGroups;
        var vouched = groups is null && caller.IsTrusted && task.CandidateGroups.Count > 0;
        if (!vouched && !UserTaskEligibility.IsEligible(task, assignee, groups))
            return UserTaskCommandResult.Rejected(UserTaskErrors.NotEligible(task, assignee));

        if (task.Assignee is { } current && (command.AllowOverride == false || !(caller.IsTrusted || holdsTask)))
            return UserTaskCommandResult.Rejected(AlreadyAssigned(task, current, "assign"));

        return change.Assigned(assignee, "assign");
    }

    private static UserTaskCommandResult ApplyClaim(Change change)
    {
        var (task, caller) = (change.Task, change.Caller);
        var userId = caller.UserId!;
        if (string.Equals(task.Assignee, userId, StringComparison.Ordinal))
            return UserTaskCommandResult.Unchanged(task);

        if (!UserTaskEligibility.IsEligible(task, caller))
            return UserTaskCommandResult.Rejected(UserTaskErrors.NotEligible(task, userId));

        if (task.Assignee is { } current)
            return UserTaskCommandResult.Rejected(AlreadyAssigned(task, current, "claim"));

        return change.Assigned(userId, "claim");
    }

    private static DomainError AlreadyAssigned(UserTask task, string current, string verb) =>
        UserTaskErrors.Conflict(task, "USER_TASK_ALREADY_ASSIGNED",
            $"Expected to {verb} user task {task.UserTaskKey}, but it is already assigned to '{current}'; it must be unassigned first, or assigned with override by its assignee or an administrator.");

    private static UserTaskCommandResult ApplyUnassign(Change change, string action)
    {
        var (task, caller) = (change.Task, change.Caller);
        if (task.Assignee is null)
            return UserTaskCommandResult.Unchanged(task);

        if (!caller.IsTrusted && !string.Equals(task.Assignee, caller.UserId, StringComparison.Ordinal))
        {
            return UserTaskCommandResult.Rejected(UserTaskErrors.Forbidden(task, "USER_TASK_UNASSIGN_FORBIDDEN",
                $"User '{caller.UserId}' may not {action} user task {task.UserTaskKey}: it is assigned to '{task.Assignee}', and only the assignee or an administrator may remove the assignee."));
        }

        var updated = change.Next(task with { Assignee = null });
        return UserTaskCommandResult.ChangedTo(updated, [change.Event(UserTaskEventKind.Unassigned, updated) with
        {
            Action = action,
            PreviousAssignee = task.Assignee,
        }], []);
    }

    private static UserTaskCommandResult ApplyUpdate(Change change, UserTaskChangeset changes)
    {
        var (task, caller) = (change.Task, change.Caller);
        if (!caller.IsTrusted && !(caller.HasIdentity && string.Equals(task.Assignee, caller.UserId, StringComparison.Ordinal)))
        {
            return UserTaskCommandResult.Rejected(UserTaskErrors.Forbidden(task, "USER_TASK_UPDATE_FORBIDDEN",
                $"User '{caller.UserId}' may not update user task {task.UserTaskKey}: only its assignee or an administrator may change it."));
        }

        // Candidates first: a change that would strand the assignee is refused before anything else is decided.
        var users = NewList(changes.CandidateUsers, task.CandidateUsers);
        var groups = NewList(changes.CandidateGroups, task.CandidateGroups);
        var updated = task with { CandidateUsers = users ?? task.CandidateUsers, CandidateGroups = groups ?? task.CandidateGroups };
        if (task.Assignee is { } assignee && (users ?? groups) is not null && !StaysEligible(task, updated, assignee, caller))
        {
            return UserTaskCommandResult.Rejected(UserTaskErrors.Conflict(task, "USER_TASK_ASSIGNEE_WOULD_LOSE_ELIGIBILITY",
                $"The new candidates of user task {task.UserTaskKey} would leave its assignee '{assignee}' not eligible (or not known to be); unassign or reassign the task first, or keep '{assignee}' among the candidates."));
        }

        var attributes = new List<UserTaskAttributeChange>();
        var outcomes = new List<UserTaskOutcome>();
        if (NewDate(changes.DueDate, task.DueDate) is { } due)
        {
            var token = due.Value is null ? null : change.NewToken();
            updated = updated with { DueDate = due.Value, DueDateTimerToken = token, IsOverdue = false };
            attributes.Add(new(UserTaskChangeset.DueDateField, Render(task.DueDate), Render(due.Value)));
            outcomes.Add(new UserTaskOutcome.DueDateChanged(due.Value, token));
        }

        if (NewDate(changes.FollowUpDate, task.FollowUpDate) is { } followUp)
        {
            var token = followUp.Value is null ? null : change.NewToken();
            updated = updated with { FollowUpDate = followUp.Value, FollowUpTimerToken = token, IsFollowUpDue = false };
            attributes.Add(new(UserTaskChangeset.FollowUpDateField, Render(task.FollowUpDate), Render(followUp.Value)));
            outcomes.Add(new UserTaskOutcome.FollowUpDateChanged(followUp.Value, token));
        }

        if (users is not null)
            attributes.Add(new(UserTaskChangeset.CandidateUsersField, Render(task.CandidateUsers), Render(users)));

        if (groups is not null)
            attributes.Add(new(UserTaskChangeset.CandidateGroupsField, Render(task.CandidateGroups), Render(groups)));

        if (changes.Priority.Kind == FieldUpdateKind.Set && changes.Priority.Value != task.Priority)
        {
            updated = updated with { Priority = changes.Priority.Value };
            attributes.Add(new(UserTaskChangeset.PriorityField, Render(task.Priority), Render(updated.Priority)));
        }

        if (attributes.Count == 0)
            return UserTaskCommandResult.Unchanged(task);

        updated = change.Next(updated);
        return UserTaskCommandResult.ChangedTo(updated, [change.Event(UserTaskEventKind.Updated, updated) with
        {
            Action = "update",
            Changes = attributes,
        }], outcomes);
    }

    // The assignee must remain eligible. Their groups are known when they send the update; otherwise a membership
    // established before (they were not eligible by name, so it was through a group) survives when no group is removed.
    private static bool StaysEligible(UserTask before, UserTask after, string assignee, Caller caller)
    {
        if (UserTaskEligibility.IsEligibleByName(after.InitialAssignee, after.CandidateUsers, after.CandidateGroups, assignee))
            return true;

        if (string.Equals(caller.UserId, assignee, StringComparison.Ordinal))
            return UserTaskEligibility.IsEligible(after, assignee, caller.Groups);

        var wasEligibleThroughGroup = !UserTaskEligibility.IsEligibleByName(before.InitialAssignee, before.CandidateUsers, before.CandidateGroups, assignee);
        return wasEligibleThroughGroup && before.CandidateGroups.All(g => after.CandidateGroups.Contains(g, StringComparer.Ordinal));
    }

    private static Box<DateTimeOffset?>? NewDate(FieldUpdate<DateTimeOffset> update, DateTimeOffset? current) => update.Kind switch
    {
        FieldUpdateKind.Set when current is not { } c || !c.EqualsExact(update.Value) => new Box<DateTimeOffset?>(update.Value),
        FieldUpdateKind.Clear when current is not null => new Box<DateTimeOffset?>(null),
        _ => null,
    };

    private static IReadOnlyList<string>? NewList(FieldUpdate<IReadOnlyList<string>> update, IReadOnlyList<string> current)
    {
        IReadOnlyList<string> next = update.Kind switch
        {
            FieldUpdateKind.Set => update.Value!.Distinct(StringComparer.Ordinal).ToArray(),
            FieldUpdateKind.Clear => [],
            _ => current,
        };
        return next.SequenceEqual(current, StringComparer.Ordinal) ? null : next;
    }

    private static UserTaskCommandResult ApplyComplete(Change change, Complete command)
    {
        var task = change.Task;
        if (MustHold(change, "complete") is { } notHolder)
            return UserTaskCommandResult.Rejected(notHolder);

        var variables = command.Variables?.DeepClone().AsObject() ?? [];
        var required = task.ExpectedOutputs.Concat(command.FormRequiredFields ?? []).Distinct(StringComparer.Ordinal);
        var missing = required.Where(name => !RequiredVariables.IsPresent(variables, name)).ToArray();
        if (missing.Length > 0)
        {
            return UserTaskCommandResult.Rejected(UserTaskErrors.Validation(task, "USER_TASK_MISSING_VARIABLES",
                $"User task {task.UserTaskKey} cannot be completed: required variables are missing (absent or null): {string.Join(", ", missing)}. Provide a value for each of them.",
                missing));
        }

        var completed = change.Next(task with { State = UserTaskState.Completed, CompletionDate = change.Now });
        return UserTaskCommandResult.ChangedTo(completed, [change.Event(UserTaskEventKind.Completed, completed) with
        {
            Action = "complete",
            Assignee = completed.Assignee,
            Variables = variables.DeepClone().AsObject(),
        }], [new UserTaskOutcome.Completed(variables)]);
    }

    private static UserTaskCommandResult ApplyFail(Change change, Fail command)
    {
        var task = change.Task;
        if (MustHold(change, "fail") is { } notHolder)
            return UserTaskCommandResult.Rejected(notHolder);

        var code = string.IsNullOrWhiteSpace(command.ErrorCode) ? null : command.ErrorCode;
        var failed = change.Next(task with
        {
            State = UserTaskState.Failed,
            CompletionDate = change.Now,
            ErrorCode = code,
            ErrorMessage = command.ErrorMessage,
        });
        return UserTaskCommandResult.ChangedTo(failed, [change.Event(UserTaskEventKind.Failed, failed) with
        {
            Action = "fail",
            ErrorCode = code,
            ErrorMessage = command.ErrorMessage,
        }], [new UserTaskOutcome.Failed(code, command.ErrorMessage)]);
    }

    private static UserTaskCommandResult ApplyCancel(Change change, Cancel command)
    {
        var task = change.Task;
        if (MustHold(change, "cancel") is { } notHolder)
            return UserTaskCommandResult.Rejected(notHolder);

        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason;
        var canceled = change.Next(task with { State = UserTaskState.Canceled, CompletionDate = change.Now, CancelReason = reason });
        return UserTaskCommandResult.ChangedTo(canceled, [change.Event(UserTaskEventKind.Canceled, canceled) with
        {
            Action = "cancel",
            Reason = reason,
        }], [new UserTaskOutcome.Canceled(reason)]);
    }

    // Ending a task is for whoever holds it; trusted callers (administrators, the engine, the anonymous caller) may end any.
    private static DomainError? MustHold(Change change, string verb)
    {
        var (task, caller) = (change.Task, change.Caller);
        if (caller.IsTrusted)
            return null;

        if (task.Assignee is null)
        {
            return UserTaskErrors.Conflict(task, "USER_TASK_NOT_ASSIGNED",
                $"User task {task.UserTaskKey} is not assigned; claim it first, then {verb} it.");
        }

        return string.Equals(task.Assignee, caller.UserId, StringComparison.Ordinal)
            ? null
            : UserTaskErrors.Conflict(task, "USER_TASK_ASSIGNED_TO_OTHER",
                $"User task {task.UserTaskKey} is assigned to '{task.Assignee}', not '{caller.UserId}'; only the assignee may {verb} it.");
    }

    private static UserTaskCommandResult ApplyOverdue(Change change, string token)
    {
        var task = change.Task;
        if (task.IsOverdue || task.DueDate is not { } dueDate || !string.Equals(task.DueDateTimerToken, token, StringComparison.Ordinal))
            return UserTaskCommandResult.Unchanged(task);

        var overdue = change.Next(task with { IsOverdue = true });
        return UserTaskCommandResult.ChangedTo(overdue, [change.Event(UserTaskEventKind.Escalated, overdue) with { Date = dueDate }],
            [new UserTaskOutcome.Escalated(dueDate)]);
    }

    private static UserTaskCommandResult ApplyFollowUpDue(Change change, string token)
    {
        var task = change.Task;
        if (task.IsFollowUpDue || task.FollowUpDate is not { } followUpDate || !string.Equals(task.FollowUpTimerToken, token, StringComparison.Ordinal))
            return UserTaskCommandResult.Unchanged(task);

        var due = change.Next(task with { IsFollowUpDue = true });
        return UserTaskCommandResult.ChangedTo(due, [change.Event(UserTaskEventKind.FollowUpDue, due) with { Date = followUpDate }],
            [new UserTaskOutcome.FollowUpDue(followUpDate)]);
    }

    internal static string? Render(DateTimeOffset? date) => date?.ToString("O", CultureInfo.InvariantCulture);

    internal static string Render(IReadOnlyList<string> list) => JsonSerializer.Serialize(list);

    private static string Render(int number) => number.ToString(CultureInfo.InvariantCulture);

    private sealed record Box<T>(T Value);

    private sealed record Change(UserTask Task, Caller Caller, DateTimeOffset Now, Func<string> NewToken)
    {
        public UserTask Next(UserTask changed) => changed with { Version = Task.Version + 1 };

        public UserTaskEvent Event(UserTaskEventKind kind, UserTask after) => new()
        {
            UserTaskKey = after.UserTaskKey,
            Kind = kind,
            Actor = Caller.Actor,
            Timestamp = Now,
            Version = after.Version,
        };

        public UserTaskCommandResult Assigned(string assignee, string action)
        {
            var assigned = Next(Task with { Assignee = assignee });
            return UserTaskCommandResult.ChangedTo(assigned, [Event(UserTaskEventKind.Assigned, assigned) with
            {
                Action = action,
                Assignee = assignee,
                PreviousAssignee = Task.Assignee,
            }], []);
        }
    }
}
