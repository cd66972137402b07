namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// Who sends a command: an authenticated user (with the groups from their token), an administrator, the trusted
/// caller without identity of a deployment without authentication (<see cref="Anonymous"/>), or the engine itself
/// (<see cref="System"/>: timers, the interpreter).
/// </summary>
/// <param name="UserId">The authenticated user id; null for <see cref="Anonymous"/> and <see cref="System"/>.</param>
/// <param name="Groups">The user's groups (from the token, never from a request body in authenticated mode).</param>
/// <param name="IsAdmin">Administrators may act on any task on behalf of anyone.</param>
public sealed record Caller(string? UserId, IReadOnlyList<string> Groups, bool IsAdmin)
{
    public const string AnonymousActor = "anonymous";

    public const string SystemActor = "system";

    /// <summary>The trusted caller of a deployment without authentication: may do what Camunda allows, but has no identity to claim with.</summary>
    public static Caller Anonymous { get; } = new(null, [], false);

    /// <summary>The engine itself: timers firing, the interpreter ending a task.</summary>
    public static Caller System { get; } = new(null, [], false) { IsSystem = true };

    /// <summary>True for <see cref="System"/>.</summary>
    public bool IsSystem { get; private init; }

    /// <summary>True when the caller has a user id.</summary>
    public bool HasIdentity => UserId is not null;

    /// <summary>
    /// Callers trusted to act on any task for anyone: administrators, the engine and the anonymous caller of a
    /// deployment without authentication.
    /// </summary>
    public bool IsTrusted => IsAdmin || UserId is null;

    /// <summary>How the caller appears in the audit trail: the user id, <c>anonymous</c> or <c>system</c>.</summary>
    public string Actor => UserId ?? (IsSystem ? SystemActor : AnonymousActor);

    public static Caller User(string userId, params string[] groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new Caller(userId, groups, false);
    }

    public static Caller Admin(string userId, params string[] groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new Caller(userId, groups, true);
    }

    public bool Equals(Caller? other) =>
        other is not null && UserId == other.UserId && IsAdmin == other.IsAdmin && IsSystem == other.IsSystem
        && Groups.SequenceEqual(other.Groups, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(UserId, IsAdmin, IsSystem, Groups.Count);
}
