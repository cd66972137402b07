using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests;

/// <summary>
/// The host in-process on its own hub of the shared Azurite, with helpers to arrange state through the runtime's
/// services (deploy, start) so a test acts and asserts through HTTP only.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private ApiHost(TaskFunctionsFactory factory) => Factory = factory;

    public TaskFunctionsFactory Factory { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>
    /// Starts a host on a fresh hub (tables of its own) of <paramref name="azurite"/>; <paramref name="services"/>
    /// changes its services (see <see cref="TaskFunctionsFactory"/>).
    /// </summary>
    public static ApiHost Start(
        AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        Start(azurite.ConnectionString, settings, services);

    /// <summary>Starts a host on a fresh hub of the storage <paramref name="connectionString"/> names.</summary>
    public static ApiHost Start(
        string connectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var hub = "T" + Guid.NewGuid().ToString("N")[..16];
        var host = new ApiHost(new TaskFunctionsFactory(connectionString, hub, settings, services));
        _ = host.Factory.Server;
        return host;
    }

    /// <summary>A client; with <paramref name="userId"/> it names the caller by the identity headers (auth mode None).</summary>
    public HttpClient Client(string? userId = null, params string[] groups)
    {
        var client = Factory.CreateClient();
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add(CallerHeaders.UserId, userId);
            if (groups.Length > 0)
            {
                client.DefaultRequestHeaders.Add(CallerHeaders.Groups, string.Join(',', groups));
            }
        }

        return client;
    }

    /// <summary>A client sending <paramref name="token"/> as bearer token (auth mode Jwt).</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Deploys the resources (name, text) and returns the first process deployed.</summary>
    public async Task<DeployedProcess> DeployAsync(string bpmnXml, params (string Name, string Content)[] more)
    {
        var resources = new List<DeploymentResource> { new("process.bpmn", Encoding.UTF8.GetBytes(bpmnXml)) };
        resources.AddRange(more.Select(r => new DeploymentResource(r.Name, Encoding.UTF8.GetBytes(r.Content))));
        var result = await Services.GetRequiredService<DefinitionStore>()
            .DeployAsync(resources, UserTask.DefaultTenantId, CancellationToken.None);
        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        return result.Processes[0];
    }

    /// <summary>Starts an instance and returns its key.</summary>
    public async Task<long> StartAsync(DeployedProcess process, JsonObject? variables = null)
    {
        var result = await Services.GetRequiredService<CommandProcessor>().StartInstanceAsync(process, variables, Caller.System);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.ProcessInstanceKey;
    }

    /// <summary>Starts an instance and returns the key of its first open user task.</summary>
    public async Task<long> StartAndGetTaskAsync(DeployedProcess process, JsonObject? variables = null)
    {
        var instanceKey = await StartAsync(process, variables);
        return (await OpenTasksAsync(instanceKey))[0].UserTaskKey;
    }

    /// <summary>The open user tasks of an instance, from the task index.</summary>
    public async Task<IReadOnlyList<UserTask>> OpenTasksAsync(long processInstanceKey)
    {
        var page = await Services.GetRequiredService<UserTaskIndex>().SearchAsync(
            new UserTaskQuery(new UserTaskFilter { ProcessInstanceKey = processInstanceKey, State = UserTaskState.Created }), CancellationToken.None);
        return page.Items;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
