namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>
/// What the host knows about the person calling: from the token in Jwt mode, from the identity headers in None mode.
/// Endpoints decide with the <see cref="TaskFunctions.Domain.UserTasks.Caller"/>; this is for showing who is signed in.
/// </summary>
/// <param name="UserId">The user id (the configured user claim); null for the anonymous caller of mode None.</param>
/// <param name="DisplayName">The token's <c>name</c> claim, else the user id.</param>
/// <param name="Email">The token's <c>email</c> claim.</param>
/// <param name="Groups">The user's groups.</param>
/// <param name="Roles">The user's roles (Jwt mode only).</param>
/// <param name="IsAdmin">Whether the admin group or role made the user an administrator.</param>
public sealed record AuthenticatedUser(
    string? UserId, string? DisplayName, string? Email, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles, bool IsAdmin);
