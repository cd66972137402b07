using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Functions.Hosting.Authentication;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// <c>GET /v2/authentication/me</c>: who the host takes the caller to be, in the shape of Camunda's
/// <c>CamundaUserResult</c>. Identity comes from the token (Jwt mode) or the identity headers (mode None).
/// </summary>
public static class WhoAmIApi
{
    public static IEndpointRouteBuilder MapWhoAmIApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/authentication/me", GetCurrentUser)
            .WithName("GetCurrentUser")
            .WithTags("Authentication")
            .WithSummary("The current user")
            .Produces<CurrentUser>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    /// <summary>A tenant the user belongs to (Camunda's <c>TenantResult</c>, reduced to what this host knows).</summary>
    public sealed record TenantReference(string TenantId, string Name);

    /// <summary>
    /// Camunda's <c>CamundaUserResult</c>. <c>username</c> is null for the anonymous caller of mode None;
    /// <c>isAdmin</c> is this host's addition (the admin group or role of the token).
    /// </summary>
    public sealed record CurrentUser(
        string? Username,
        string? DisplayName,
        string? Email,
        IReadOnlyList<string> AuthorizedApplications,
        IReadOnlyList<TenantReference> Tenants,
        IReadOnlyList<string> Groups,
        IReadOnlyList<string> Roles,
        string? SalesPlanType,
        IReadOnlyDictionary<string, string> C8Links,
        bool CanLogout,
        bool IsAdmin);

    internal static Ok<CurrentUser> GetCurrentUser(HttpContext context)
    {
        var caller = context.GetCaller();
        var user = context.GetUser();
        return TypedResults.Ok(new CurrentUser(
            Username: caller.UserId,
            DisplayName: user?.DisplayName ?? caller.UserId,
            Email: user?.Email,
            AuthorizedApplications: ["tasklist"],
            Tenants: [new TenantReference(UserTask.DefaultTenantId, "Default")],
            Groups: caller.Groups,
            Roles: user?.Roles ?? [],
            SalesPlanType: null,
            C8Links: new Dictionary<string, string>(),
            // Tokens are held by the client; there is no server session to end.
            CanLogout: false,
            IsAdmin: caller.IsAdmin));
    }
}
