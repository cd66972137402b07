using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>Where the authentication step leaves the caller for the endpoints.</summary>
public static class CallerContext
{
    private static readonly object Key = new();
    private static readonly object UserKey = new();

    /// <summary>The caller of this request, as authentication established it.</summary>
    public static Caller GetCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var caller) && caller is Caller known
            ? known
            : throw new InvalidOperationException("The caller was not established: UseTaskFunctionsAuthentication must run before the endpoints.");
    }

    /// <summary>Who is signed in, for display (<c>GET /v2/authentication/me</c>); null on an anonymous route without a token.</summary>
    public static AuthenticatedUser? GetUser(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(UserKey, out var user) ? user as AuthenticatedUser : null;
    }

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    internal static void SetUser(this HttpContext context, AuthenticatedUser user) => context.Items[UserKey] = user;
}
