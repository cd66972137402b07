using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>Where the authentication step leaves the caller for the endpoints.</summary>
public static class CallerContext
{
    private static readonly object Key = new();

    /// <summary>The caller of this request, as authentication established it.</summary>
    public static Caller GetCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var caller) && caller is Caller known
            ? known
            : throw new InvalidOperationException("The caller was not established: UseTaskFunctionsAuthentication must run before the endpoints.");
    }

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;
}
