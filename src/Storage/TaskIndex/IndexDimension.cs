namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The dimensions the index partitions tasks by. Each task has rows in every partition it belongs to, within its
/// tenant and state.
/// </summary>
internal static class IndexDimension
{
    /// <summary>Every task (sharded).</summary>
    public const string All = "all";

    /// <summary>Tasks held by one user.</summary>
    public const string Assignee = "assignee";

    /// <summary>Tasks nobody holds (sharded).</summary>
    public const string Unassigned = "unassigned";

    /// <summary>Tasks naming one candidate user.</summary>
    public const string CandidateUser = "user";

    /// <summary>Tasks naming one candidate group (sharded: groups are the typical hot value).</summary>
    public const string CandidateGroup = "group";

    /// <summary>Tasks without candidate users or groups, which anyone may claim (sharded).</summary>
    public const string OpenToAll = "open-to-all";

    /// <summary>Tasks by the assignee the model gave, who stays eligible to claim after an unassign.</summary>
    public const string InitialAssignee = "initial";

    public const string ProcessDefinition = "process";

    public const string BpmnProcess = "bpmn";

    public const string ProcessInstance = "instance";

    public const string Overdue = "overdue";

    public const string FollowUp = "followup";

    public static bool IsSharded(string dimension) =>
        dimension is All or Unassigned or CandidateGroup or OpenToAll;
}
