using TaskFunctions.Functions.Api;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>
/// Marks an operation that changes what runs for everyone — deploying, canceling a whole process instance, resolving
/// an incident — as one only administrators may call in Jwt mode (while <c>auth.restrictAdministration</c> is true,
/// the default). The user-task rules need no such mark: the task lifecycle already decides who may act on a task.
/// </summary>
public sealed class AdministratorOnly
{
    private AdministratorOnly()
    {
    }

    internal static AdministratorOnly Instance { get; } = new();

    /// <summary>The 403 a signed-in user who is not an administrator gets.</summary>
    internal static ProblemHttpResult Forbidden(HttpContext context) => TypedResults.Problem(
        detail: $"{context.Request.Method} {context.Request.Path} is reserved to administrators (the auth.adminGroup or auth.adminRole of host.json); " +
                "set extensions.taskFunctions.auth.restrictAdministration to false to allow every signed-in user.",
        statusCode: StatusCodes.Status403Forbidden,
        title: ApiProblems.ForbiddenTitle,
        extensions: new Dictionary<string, object?> { ["code"] = "ADMINISTRATOR_REQUIRED" });
}

/// <summary>Marks routes as <see cref="AdministratorOnly"/>.</summary>
public static class AdministratorOnlyExtensions
{
    public static RouteHandlerBuilder RequireAdministrator(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(AdministratorOnly.Instance).ProducesProblem(StatusCodes.Status403Forbidden);
}
