using TaskFunctions.Functions.Api;
using TaskFunctions.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTaskFunctionsHost();

var app = builder.Build();
app.UseTaskListUi();
app.UseTaskFunctionsErrors();
app.MapHealthApi();
app.MapTaskFunctionsOpenApi();
app.MapWhoAmIApi();
app.MapDeploymentsApi();
app.MapProcessDefinitionsApi();
app.MapProcessInstancesApi();
app.MapJobsApi();
app.MapIncidentsApi();
app.MapVariablesApi();
app.MapUserTasksApi();
app.MapTasklistApi();
return await app.RunHostAsync();

/// <summary>The host's entry point; public so HTTP tests can start it in-process.</summary>
public partial class Program;
