using Azure.Identity;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Hosting;

/// <summary>Registers the Table Storage client the host runs on.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<StorageSettings>();
            var options = new TableClientOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() };
            return settings.ConnectionString is { } connectionString
                ? new TableServiceClient(connectionString, options)
                : new TableServiceClient(settings.TableServiceUri!, new DefaultAzureCredential(), options);
        });
        return services;
    }
}
