using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using TaskFunctions.Functions.Api;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Hosting.Idempotency;

/// <summary>
/// Makes every POST command route idempotent under an <c>Idempotency-Key</c> header: the first request with a key
/// (per caller, method and path) runs and its response is stored; a repeat gets that response again with
/// <c>Idempotency-Replayed: true</c> and runs nothing. Searches (routes ending in <c>/search</c>) and routes marked
/// <see cref="IdempotencyEndpointExtensions.WithoutIdempotency{TBuilder}"/> are left alone.
/// </summary>
public static class IdempotencyMiddleware
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    public const int MaxKeyLength = 100;

    public static IServiceCollection AddTaskFunctionsIdempotency(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyStore>();
        return services;
    }

    /// <summary>Runs after authentication (the caller scopes the keys) and after routing (the endpoint decides).</summary>
    public static IApplicationBuilder UseTaskFunctionsIdempotency(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method)
                || !context.Request.Headers.ContainsKey(KeyHeader)
                || !AppliesTo(context.GetEndpoint()))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            await RunOnceAsync(context, next).ConfigureAwait(false);
        });

    /// <summary>Whether an endpoint takes part: POST routes other than searches, unless marked otherwise.</summary>
    public static bool AppliesTo(Endpoint? endpoint) =>
        endpoint is not null
        && AppliesTo(endpoint.Metadata.GetMetadata<IdempotencyMetadata>(), (endpoint as RouteEndpoint)?.RoutePattern.RawText);

    /// <summary>Whether a route with <paramref name="marked"/> metadata and <paramref name="routePattern"/> takes part.</summary>
    public static bool AppliesTo(IdempotencyMetadata? marked, string? routePattern) =>
        marked?.Enabled
        ?? routePattern?.TrimEnd('/').EndsWith("/search", StringComparison.OrdinalIgnoreCase) != true;

    /// <summary>Why <paramref name="key"/> is not a usable key, or null when it is.</summary>
    public static string? Validate(string key) =>
        key.Length is 0 or > MaxKeyLength || key.Any(c => c is < ' ' or > '~')
            ? $"The {KeyHeader} header must be 1 to {MaxKeyLength} printable ASCII characters, got {key.Length} characters{(key.Any(c => c is < ' ' or > '~') ? " including unprintable ones" : string.Empty)}."
            : null;

    private static async Task RunOnceAsync(HttpContext context, RequestDelegate next)
    {
        var values = context.Request.Headers[KeyHeader];
        var key = values.Count == 1 ? values.ToString().Trim() : string.Empty;
        if ((values.Count != 1 ? $"Send the {KeyHeader} header once, got it {values.Count} times." : Validate(key)) is { } invalid)
        {
            await ApiProblems.BadRequest(invalid, KeyHeader).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var services = context.RequestServices;
        var store = services.GetRequiredService<IdempotencyStore>();
        var retention = services.GetRequiredService<HttpSettings>().IdempotencyRetention;
        var caller = TryGetCaller(context);
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var partitionKey = Hash($"{caller ?? string.Empty}\n{method}\n{path}\n{key}");
        var requestHash = await HashBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);

        var claim = await store.ClaimAsync(partitionKey, requestHash, method, path, retention, context.RequestAborted).ConfigureAwait(false);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Replay:
                await ReplayAsync(context, claim.Response!).ConfigureAwait(false);
                return;
            case IdempotencyClaimKind.InProgress:
                await ApiProblems.Conflict(
                    $"A request with this {KeyHeader} is still being processed; retry later to get its response.",
                    "IDEMPOTENCY_REQUEST_IN_PROGRESS").ExecuteAsync(context).ConfigureAwait(false);
                return;
            case IdempotencyClaimKind.Mismatch:
                await ApiProblems.Conflict(
                    $"This {KeyHeader} was already used with a different request body; use a new key for a different request.",
                    "IDEMPOTENCY_KEY_REUSED").ExecuteAsync(context).ConfigureAwait(false);
                return;
        }

        var response = await CaptureAsync(context, next, () => ReleaseQuietlyAsync(store, partitionKey, claim, context)).ConfigureAwait(false);

        // 5xx outcomes (storage away, a bug) are not the request's answer: a retry must run it again.
        if (response.Status >= 500)
        {
            await ReleaseQuietlyAsync(store, partitionKey, claim, context).ConfigureAwait(false);
        }
        else
        {
            try
            {
                if (!await store.CompleteAsync(partitionKey, claim.ETag, requestHash, response, retention, CancellationToken.None).ConfigureAwait(false))
                {
                    await ReleaseQuietlyAsync(store, partitionKey, claim, context).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is TableRequestFailedException or StorageUnavailableException or HttpRequestException)
            {
                // The command ran: answer with its response. Duplicates see the pending claim until its lease ends.
                Logs.IdempotencyNotStored(context.RequestServices.GetRequiredService<ILogger<IdempotencyStore>>(), method, path, e.Message);
            }
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? TryGetCaller(HttpContext context)
    {
        try
        {
            return context.GetCaller().UserId;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // Runs the rest of the pipeline into a buffer, so the response can be stored before it is sent.
    private static async Task<StoredResponse> CaptureAsync(HttpContext context, RequestDelegate next, Func<Task> onException)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(context).ConfigureAwait(false);
            await capture.CompleteAsync().ConfigureAwait(false);
        }
        catch
        {
            context.Features.Set(original);
            await onException().ConfigureAwait(false);
            throw;
        }

        context.Features.Set(original);
        return new StoredResponse(
            context.Response.StatusCode,
            context.Response.ContentType,
            context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            buffer.ToArray());
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.Status;
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ReleaseQuietlyAsync(IdempotencyStore store, string partitionKey, IdempotencyClaim claim, HttpContext context)
    {
        try
        {
            await store.ReleaseAsync(partitionKey, claim.ETag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TableRequestFailedException or StorageUnavailableException or HttpRequestException)
        {
            // Storage is away: the claim stays pending and blocks duplicates until its lease ends.
            Logs.IdempotencyNotReleased(context.RequestServices.GetRequiredService<ILogger<IdempotencyStore>>(), context.Request.Method, context.Request.Path, e.Message);
        }
    }

    private static async Task<string> HashBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, cancellationToken).ConfigureAwait(false);
        request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>Marks whether an endpoint takes part in <see cref="IdempotencyMiddleware"/>.</summary>
public sealed record IdempotencyMetadata(bool Enabled);

/// <summary>Opting routes in or out of idempotency keys.</summary>
public static class IdempotencyEndpointExtensions
{
    /// <summary>Accept <c>Idempotency-Key</c> on this route (POST routes other than searches do by default).</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyMetadata(true));

    /// <summary>Ignore <c>Idempotency-Key</c> on this route: it changes nothing, or its responses are too large to keep.</summary>
    public static TBuilder WithoutIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyMetadata(false));
}
