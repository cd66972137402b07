namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>Establishes the caller of every request before an endpoint runs (see <see cref="CallerContext"/>).</summary>
public static class AuthenticationMiddleware
{
    public static IServiceCollection AddTaskFunctionsAuthentication(this IServiceCollection services)
    {
        services.AddSingleton(sp => AuthSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        return services;
    }

    public static IApplicationBuilder UseTaskFunctionsAuthentication(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<AuthSettings>();
        return app.Use(async (context, next) =>
        {
            switch (settings.Mode)
            {
                case AuthenticationMode.None:
                    context.SetCaller(CallerHeaders.From(context.Request.Headers));
                    break;
                default:
                    throw new InvalidOperationException($"Authentication mode {settings.Mode} is not handled.");
            }

            await next(context).ConfigureAwait(false);
        });
    }
}
