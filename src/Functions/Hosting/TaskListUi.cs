using Microsoft.Extensions.FileProviders;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// Serves the task-list web UI (docs/ui.md): the bundle <c>scripts/install-tools.sh</c> builds from <c>ui/</c> into
/// <c>wwwroot/</c>, copied next to the host's assembly. It runs before authentication, so the page loads in Jwt mode
/// without a token; every API call it makes carries the user's token.
/// </summary>
public static class TaskListUi
{
    public static WebApplication UseTaskListUi(this WebApplication app)
    {
        // Next to the assembly, not the content root: ./run.sh starts the host from the repository root.
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // The bundle's names do not change between builds, so the browser must revalidate every time.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
