namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// Who may work on a task. Nobody configured (no initial assignee, no candidate users, no candidate groups): anyone.
/// Otherwise the user must be the initial assignee, a candidate user, or share a group with the candidate groups.
/// All comparisons are ordinal and case-sensitive.
/// </summary>
public static class UserTaskEligibility
{
    /// <summary>True when the model restricts nobody.</summary>
    public static bool IsOpenToAnyone(UserTask task) =>
        IsOpenToAnyone(task.InitialAssignee, task.CandidateUsers, task.CandidateGroups);

    /// <summary>True when <paramref name="caller"/> may work on <paramref name="task"/> (a caller without identity is never eligible by name).</summary>
    public static bool IsEligible(UserTask task, Caller caller) =>
        caller.UserId is { } userId && IsEligible(task, userId, caller.Groups);

    /// <summary>
    /// True when <paramref name="userId"/> may work on <paramref name="task"/>. <paramref name="groups"/> null means the
    /// user's groups are unknown, so membership of a candidate group cannot be established.
    /// </summary>
    public static bool IsEligible(UserTask task, string userId, IReadOnlyList<string>? groups) =>
        IsEligible(task.InitialAssignee, task.CandidateUsers, task.CandidateGroups, userId, groups);

    internal static bool IsOpenToAnyone(string? initialAssignee, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups) =>
        initialAssignee is null && candidateUsers.Count == 0 && candidateGroups.Count == 0;

    internal static bool IsEligibleByName(string? initialAssignee, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups, string userId) =>
        IsOpenToAnyone(initialAssignee, candidateUsers, candidateGroups)
        || string.Equals(initialAssignee, userId, StringComparison.Ordinal)
        || candidateUsers.Contains(userId, StringComparer.Ordinal);

    internal static bool IsEligible(
        string? initialAssignee, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups, string userId, IReadOnlyList<string>? groups) =>
        IsEligibleByName(initialAssignee, candidateUsers, candidateGroups, userId)
        || (groups is not null && groups.Any(g => candidateGroups.Contains(g, StringComparer.Ordinal)));

    /// <summary>Describes who may work on the task, for error messages.</summary>
    internal static string DescribeCandidates(UserTask task)
    {
        if (IsOpenToAnyone(task))
            return "anyone";

        var parts = new List<string>();
        if (task.InitialAssignee is not null)
            parts.Add($"assignee '{task.InitialAssignee}'");
        if (task.CandidateUsers.Count > 0)
            parts.Add($"candidate users [{string.Join(", ", task.CandidateUsers)}]");
        if (task.CandidateGroups.Count > 0)
            parts.Add($"members of candidate groups [{string.Join(", ", task.CandidateGroups)}]");
        return string.Join(", ", parts);
    }
}
