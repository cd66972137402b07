using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using TaskFunctions.Functions.Api;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>
/// Establishes the caller of every request before an endpoint runs (see <see cref="CallerContext"/>). In Jwt mode a
/// request without a valid bearer token is answered 401 here, unless its endpoint allows anonymous access
/// (<c>.AllowAnonymous()</c>: <c>/health</c> and the OpenAPI document); identity headers are ignored.
/// </summary>
public static class AuthenticationMiddleware
{
    /// <summary>What a caller should wait before retrying while the identity provider's keys cannot be fetched.</summary>
    public const int RetryAfterSeconds = 5;

    public static IServiceCollection AddTaskFunctionsAuthentication(this IServiceCollection services)
    {
        services.AddSingleton(sp => AuthSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new JwtAuthenticator(
            sp.GetRequiredService<AuthSettings>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.IdentityModel.Protocols.IDocumentRetriever>()));
        return services;
    }

    public static IApplicationBuilder UseTaskFunctionsAuthentication(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Resolved per request (a singleton), so a wrong setting is reported by the host's start, not here.
            var settings = context.RequestServices.GetRequiredService<AuthSettings>();
            switch (settings.Mode)
            {
                case AuthenticationMode.None:
                    var caller = CallerHeaders.From(context.Request.Headers);
                    context.SetCaller(caller);
                    context.SetUser(new AuthenticatedUser(caller.UserId, caller.UserId, null, caller.Groups, [], caller.IsAdmin));
                    break;
                case AuthenticationMode.Jwt:
                    if (!await AuthenticateBearerAsync(context).ConfigureAwait(false))
                    {
                        return;
                    }

                    if (settings.RestrictAdministration
                        && context.GetEndpoint()?.Metadata.GetMetadata<AdministratorOnly>() is not null
                        && context.GetCaller() is { IsAdmin: false })
                    {
                        await AdministratorOnly.Forbidden(context).ExecuteAsync(context).ConfigureAwait(false);
                        return;
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Authentication mode {settings.Mode} is not handled.");
            }

            await next(context).ConfigureAwait(false);
        });

    // True when the request may go on: a valid token, or an anonymous endpoint.
    private static async Task<bool> AuthenticateBearerAsync(HttpContext context)
    {
        var anonymous = context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            if (anonymous)
            {
                return true;
            }

            // RFC 6750 §3.1: a request without credentials gets the challenge without an error code.
            await UnauthorizedAsync(context, "A bearer token is required: send 'Authorization: Bearer <JWT>'.", "Bearer").ConfigureAwait(false);
            return false;
        }

        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            if (anonymous)
            {
                return true;
            }

            await UnauthorizedAsync(context, "The Authorization header must be 'Bearer <JWT>'.", "Bearer error=\"invalid_request\"").ConfigureAwait(false);
            return false;
        }

        var outcome = await context.RequestServices.GetRequiredService<JwtAuthenticator>()
            .AuthenticateAsync(header[scheme.Length..].Trim()).ConfigureAwait(false);
        if (outcome.Caller is null && anonymous)
        {
            // An anonymous route answers regardless of a stale token (probes, the OpenAPI document).
            return true;
        }

        if (outcome.IsUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(
                detail: outcome.Failure, statusCode: StatusCodes.Status503ServiceUnavailable, title: "SERVICE_UNAVAILABLE",
                extensions: new Dictionary<string, object?> { ["code"] = "IDENTITY_PROVIDER_UNAVAILABLE" })
                .ExecuteAsync(context).ConfigureAwait(false);
            return false;
        }

        if (outcome.Caller is null)
        {
            await UnauthorizedAsync(context, outcome.Failure!, "Bearer error=\"invalid_token\"").ConfigureAwait(false);
            return false;
        }

        context.SetCaller(outcome.Caller);
        context.SetUser(outcome.User!);
        return true;
    }

    private static Task UnauthorizedAsync(HttpContext context, string detail, string challenge)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        return TypedResults.Problem(
            detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.UnauthorizedTitle,
            extensions: new Dictionary<string, object?> { ["code"] = "UNAUTHORIZED" })
            .ExecuteAsync(context);
    }
}
