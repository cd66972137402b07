namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>How the host learns who is calling (host.json <c>extensions.taskFunctions.auth.mode</c>).</summary>
public enum AuthenticationMode
{
    /// <summary>
    /// No authentication: every caller is trusted. A caller may name itself with <c>X-User-Id</c> and
    /// <c>X-User-Groups</c> (comma-separated) to claim, unclaim and complete as that user; without them it acts as
    /// the anonymous trusted caller.
    /// </summary>
    None,

    /// <summary>Bearer tokens (JWT) are required and validated; identity and groups come from the token only.</summary>
    Jwt,
}
