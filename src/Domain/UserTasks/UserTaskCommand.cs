using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>A command on a user task, applied by <see cref="UserTaskLifecycle.Apply"/>.</summary>
public abstract record UserTaskCommand
{
    private UserTaskCommand()
    {
    }

    /// <summary>The key of this command in the <see cref="UserTaskTransitions"/> table.</summary>
    public abstract UserTaskOperation Operation { get; }

    /// <summary>
    /// Assigns the task to <paramref name="Assignee"/>. <paramref name="AllowOverride"/> null or true replaces another
    /// assignee (Camunda's default); false refuses a task assigned to someone else. <paramref name="AssigneeGroups"/>
    /// are the assignee's groups when the runtime knows them (for a caller assigning themselves their own groups are used).
    /// </summary>
    public sealed record Assign(string Assignee, bool? AllowOverride = null, IReadOnlyList<string>? AssigneeGroups = null) : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Assign;
    }

    /// <summary>Assigns the task to the caller unless someone else holds it (first claim wins).</summary>
    public sealed record Claim : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Claim;
    }

    /// <summary>Removes the assignee.</summary>
    public sealed record Unassign : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Unassign;
    }

    /// <summary>Gives a claimed task back; the same rules as <see cref="Unassign"/>.</summary>
    public sealed record Unclaim : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Unclaim;
    }

    /// <summary>Changes scheduling, candidates and priority (never the assignee: use <see cref="Assign"/>).</summary>
    public sealed record Update(UserTaskChangeset Changes) : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Update;
    }

    /// <summary>
    /// Completes the task with <paramref name="Variables"/>. <paramref name="FormRequiredFields"/> are the required
    /// fields of the linked form, supplied by the runtime when it knows the form (see <c>Forms.CamundaForm</c>).
    /// </summary>
    public sealed record Complete(JsonObject? Variables = null, IReadOnlyList<string>? FormRequiredFields = null) : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Complete;
    }

    /// <summary>Ends the task with a failure that the process routes as a BPMN error.</summary>
    public sealed record Fail(string? ErrorCode, string ErrorMessage) : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Fail;
    }

    /// <summary>Ends the task without an outcome: the branch stops, no error path.</summary>
    public sealed record Cancel(string? Reason = null) : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.Cancel;
    }

    /// <summary>The due-date timer carrying <paramref name="Token"/> fired.</summary>
    public sealed record MarkOverdue(string Token) : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.MarkOverdue;
    }

    /// <summary>The follow-up timer carrying <paramref name="Token"/> fired.</summary>
    public sealed record MarkFollowUpDue(string Token) : UserTaskCommand
    {
        public override UserTaskOperation Operation => UserTaskOperation.MarkFollowUpDue;
    }
}
