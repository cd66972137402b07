using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using TaskFunctions.Functions.Api;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// Holds every request body to <see cref="HttpSettings.MaxRequestBodySize"/> whatever server runs the host: a declared
/// length over the limit is answered 413 before anything reads the body; a body without a declared length is cut off
/// by the server's own limit, which this sets per request where the server allows it.
/// </summary>
public static class RequestLimitsMiddleware
{
    public static IApplicationBuilder UseTaskFunctionsRequestLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<HttpSettings>().MaxRequestBodySize;
            if (context.Request.ContentLength is { } length && length > limit)
            {
                await ApiProblems.TooLarge(string.Create(CultureInfo.InvariantCulture,
                    $"The request body is {length} bytes; the limit is {limit} bytes (host.json extensions.taskFunctions.http.maxRequestBodySize)."))
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            {
                server.MaxRequestBodySize = limit;
            }

            await next(context).ConfigureAwait(false);
        });
}
