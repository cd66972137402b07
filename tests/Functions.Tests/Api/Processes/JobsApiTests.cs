using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.Processes;

[Collection(AzuriteCollection.Name)]
public sealed class JobsApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task ActivateJobs_JobWaiting_ReturnsItInCamundaShapeAndLocksIt()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ProcessSamples.ChargeJob());
        var instanceKey = await host.StartAsync(process, new JsonObject { ["amount"] = 5, ["card"] = "visa" });
        using var client = host.Client();
        var before = DateTimeOffset.UtcNow;

        using var response = await client.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "charge", worker = "w1", timeout = 60_000, maxJobsToActivate = 5, requestTimeout = -1 });
        using var again = await client.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "charge", worker = "w2", timeout = 60_000, maxJobsToActivate = 5, requestTimeout = -1 });

        var body = await ProblemAssert.IsJsonAsync(response);
        var job = Assert.Single(body.GetProperty("jobs").EnumerateArray());
        Assert.Equal(
            ["customHeaders", "deadline", "elementId", "elementInstanceKey", "jobKey", "kind", "listenerEventType", "processDefinitionId",
             "processDefinitionKey", "processDefinitionVersion", "processInstanceKey", "retries", "tenantId", "type", "variables", "worker"],
            DeploymentsApiTests.Names(job));
        Assert.Equal("charge", job.GetProperty("type").GetString());
        Assert.Equal("w1", job.GetProperty("worker").GetString());
        Assert.Equal("charge-job", job.GetProperty("processDefinitionId").GetString());
        Assert.Equal(1, job.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal(Key(process.ProcessDefinitionKey), job.GetProperty("processDefinitionKey").GetString());
        Assert.Equal(Key(instanceKey), job.GetProperty("processInstanceKey").GetString());
        Assert.Equal("charge", job.GetProperty("elementId").GetString());
        Assert.Equal("test", job.GetProperty("customHeaders").GetProperty("mode").GetString());
        Assert.Equal(2, job.GetProperty("retries").GetInt32());
        Assert.Equal("<default>", job.GetProperty("tenantId").GetString());
        Assert.Equal("BPMN_ELEMENT", job.GetProperty("kind").GetString());
        Assert.Equal("UNSPECIFIED", job.GetProperty("listenerEventType").GetString());
        Assert.Equal(5, job.GetProperty("variables").GetProperty("amount").GetInt32());
        Assert.InRange(job.GetProperty("deadline").GetInt64(), before.AddSeconds(59).ToUnixTimeMilliseconds(), before.AddSeconds(120).ToUnixTimeMilliseconds());
        Assert.Empty((await ProblemAssert.IsJsonAsync(again)).GetProperty("jobs").EnumerateArray());
    }

    [Fact(Timeout = 60_000)]
    public async Task ActivateJobs_FetchVariableAndStringNumbers_OnlyThoseVariables()
    {
        await using var host = ApiHost.Start(azurite);
        await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()), new JsonObject { ["amount"] = 5, ["card"] = "visa" });
        using var client = host.Client();

        // The Camunda client sends 64-bit numbers as strings.
        using var response = await client.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "charge", timeout = "30000", maxJobsToActivate = 1, requestTimeout = "-1", fetchVariable = new[] { "card" } });

        var job = Assert.Single((await ProblemAssert.IsJsonAsync(response)).GetProperty("jobs").EnumerateArray());
        Assert.Equal(["card"], job.GetProperty("variables").EnumerateObject().Select(p => p.Name));
        Assert.Equal("default", job.GetProperty("worker").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task ActivateJobs_LongPoll_ReturnsAJobCreatedDuringTheWait()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ProcessSamples.ChargeJob());
        using var client = host.Client();
        var watch = Stopwatch.StartNew();

        var activation = client.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "charge", worker = "w1", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 20_000 });
        await Task.Delay(700);
        Assert.False(activation.IsCompleted);
        var instanceKey = await host.StartAsync(process);
        using var response = await activation;

        var job = Assert.Single((await ProblemAssert.IsJsonAsync(response)).GetProperty("jobs").EnumerateArray());
        Assert.Equal(Key(instanceKey), job.GetProperty("processInstanceKey").GetString());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(15));
    }

    [Fact(Timeout = 60_000)]
    public async Task ActivateJobs_NoJobWithinRequestTimeout_EmptyAfterTheWait()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();
        var watch = Stopwatch.StartNew();

        using var response = await client.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "nothing", timeout = 1000, maxJobsToActivate = 10, requestTimeout = 600 });

        Assert.Empty((await ProblemAssert.IsJsonAsync(response)).GetProperty("jobs").EnumerateArray());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 60_000)]
    public async Task ActivateJobs_InvalidRequests_400NamingTheField()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var noType = await client.PostAsJsonAsync("/v2/jobs/activation", new { timeout = 1000, maxJobsToActivate = 1 });
        using var zeroJobs = await client.PostAsJsonAsync("/v2/jobs/activation", new { type = "t", timeout = 1000, maxJobsToActivate = 0 });
        using var tooMany = await client.PostAsJsonAsync("/v2/jobs/activation", new { type = "t", timeout = 1000, maxJobsToActivate = 1001 });
        using var noTimeout = await client.PostAsJsonAsync("/v2/jobs/activation", new { type = "t", timeout = 0, maxJobsToActivate = 1 });
        using var longWait = await client.PostAsJsonAsync("/v2/jobs/activation", new { type = "t", timeout = 1, maxJobsToActivate = 1, requestTimeout = 3_600_000 });
        using var tenant = await client.PostAsJsonAsync("/v2/jobs/activation", new { type = "t", timeout = 1, maxJobsToActivate = 1, tenantIds = new[] { "acme" } });
        using var unknown = await client.PostAsJsonAsync("/v2/jobs/activation", new { type = "t", timeout = 1, maxJobsToActivate = 1, fetchVariables = new[] { "a" } });

        await ProblemAssert.IsProblemAsync(noType, HttpStatusCode.BadRequest, "type is required");
        await ProblemAssert.IsProblemAsync(zeroJobs, HttpStatusCode.BadRequest, "between 1 and 1000");
        await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.BadRequest, "got 1001");
        await ProblemAssert.IsProblemAsync(noTimeout, HttpStatusCode.BadRequest, "timeout");
        await ProblemAssert.IsProblemAsync(longWait, HttpStatusCode.BadRequest, "requestTimeout");
        await ProblemAssert.IsProblemAsync(tenant, HttpStatusCode.BadRequest, "acme");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "'fetchVariables'");
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteJob_Activated_204MergesVariablesAndMovesOnThenTwice409()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var complete = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/completion", new { variables = new { paid = true } });
        using var again = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/completion", new { variables = new { paid = false } });

        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "completed");
        Assert.Equal("check", Assert.Single(await host.OpenTasksAsync(instanceKey)).ElementId);
        Assert.Equal("true", await VariableAsync(client, instanceKey, "paid"));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteJob_UnknownInvalidOrUnsupported_404Or400()
    {
        await using var host = ApiHost.Start(azurite);
        await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var unknown = await client.PostAsync("/v2/jobs/987654321/completion", null);
        using var invalid = await client.PostAsync("/v2/jobs/job-1/completion", null);
        using var result = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/completion", new { result = new { denied = true } });
        using var unknownField = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/completion", new { vars = new { a = 1 } });
        using var complete = await client.PostAsync($"/v2/jobs/{jobKey}/completion", null);

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "not a valid key");
        await ProblemAssert.IsProblemAsync(result, HttpStatusCode.BadRequest, "result");
        await ProblemAssert.IsProblemAsync(unknownField, HttpStatusCode.BadRequest, "'vars'");
        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteJobAndThrowJobError_VariablesOverTheLimit_413AndJobUnchanged()
    {
        await using var host = ApiHost.Start(azurite, new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:taskFunctions:http:maxVariablesSize"] = "1024",
        });
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeWithErrorBoundary()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");
        var big = new { text = new string('x', 2000) };

        using var complete = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/completion", new { variables = big });
        using var error = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/error", new { errorCode = "DECLINED", variables = big });
        using var completeSmall = await client.PostAsync($"/v2/jobs/{jobKey}/completion", null);

        await ProblemAssert.IsProblemAsync(complete, HttpStatusCode.RequestEntityTooLarge, "1024");
        await ProblemAssert.IsProblemAsync(error, HttpStatusCode.RequestEntityTooLarge, "1024");
        Assert.Equal(HttpStatusCode.NoContent, completeSmall.StatusCode);
        Assert.Null(await VariableAsync(client, instanceKey, "text"));
    }

    [Fact(Timeout = 60_000)]
    public async Task FailJob_WithRetriesThenWithout_OfferedAgainThenIncident()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var retry = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/failure", new { retries = 1, errorMessage = "try again", retryBackOff = "0" });
        var reactivated = await ActivateOneAsync(client, "charge");
        using var last = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/failure", new { errorMessage = "card reader offline" });
        using var read = await client.GetAsync($"/v2/process-instances/{Key(instanceKey)}");

        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal(jobKey, reactivated);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.True((await ProblemAssert.IsJsonAsync(read)).GetProperty("hasIncident").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task FailJob_InvalidRequests_400AndJobUnchanged()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var negative = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/failure", new { retries = -1 });
        using var backoff = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/failure", new { retries = 1, retryBackOff = -5 });
        using var variables = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/failure", new { retries = 1, variables = new { a = 1 } });
        using var unknown = await client.PostAsJsonAsync("/v2/jobs/987654321/failure", new { retries = 1 });
        using var read = await client.GetAsync($"/v2/process-instances/{Key(instanceKey)}");

        await ProblemAssert.IsProblemAsync(negative, HttpStatusCode.BadRequest, "retries");
        await ProblemAssert.IsProblemAsync(backoff, HttpStatusCode.BadRequest, "retryBackOff");
        await ProblemAssert.IsProblemAsync(variables, HttpStatusCode.BadRequest, "variables");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
        Assert.False((await ProblemAssert.IsJsonAsync(read)).GetProperty("hasIncident").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task ThrowJobError_CaughtByBoundaryEvent_204AndTheErrorPathRuns()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeWithErrorBoundary()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var response = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/error",
            new { errorCode = "DECLINED", errorMessage = "card declined", variables = new { reason = "insufficient funds" } });
        using var again = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/error", new { errorCode = "DECLINED" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("handle", Assert.Single(await host.OpenTasksAsync(instanceKey)).ElementId);
        Assert.Equal("\"insufficient funds\"", await VariableAsync(client, instanceKey, "reason"));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact(Timeout = 60_000)]
    public async Task ThrowJobError_NotCaught_IncidentUnhandledErrorEvent()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeWithErrorBoundary()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var response = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/error", new { errorCode = "FRAUD" });
        using var incidents = await client.PostAsync($"/v2/process-instances/{Key(instanceKey)}/incidents/search", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var incident = Assert.Single((await ProblemAssert.IsJsonAsync(incidents)).GetProperty("items").EnumerateArray());
        Assert.Equal("UNHANDLED_ERROR_EVENT", incident.GetProperty("errorType").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task ThrowJobError_InvalidRequests_400Or404()
    {
        await using var host = ApiHost.Start(azurite);
        await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeWithErrorBoundary()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var noCode = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/error", new { errorMessage = "?" });
        using var noBody = await client.PostAsync($"/v2/jobs/{jobKey}/error", null);
        using var unknown = await client.PostAsJsonAsync("/v2/jobs/987654321/error", new { errorCode = "DECLINED" });
        using var complete = await client.PostAsync($"/v2/jobs/{jobKey}/completion", null);

        await ProblemAssert.IsProblemAsync(noCode, HttpStatusCode.BadRequest, "errorCode");
        await ProblemAssert.IsProblemAsync(noBody, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task UpdateJob_Retries_204AndTheNextActivationShowsThem()
    {
        await using var host = ApiHost.Start(azurite);
        await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge", timeoutMs: 1);

        using var response = await client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { retries = 7, timeout = (long?)null } });
        await Task.Delay(50);
        using var activation = await client.PostAsJsonAsync("/v2/jobs/activation", new { type = "charge", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 5000 });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var job = Assert.Single((await ProblemAssert.IsJsonAsync(activation)).GetProperty("jobs").EnumerateArray());
        Assert.Equal(7, job.GetProperty("retries").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task UpdateJob_InvalidOrEndedJob_400Or404Or409()
    {
        await using var host = ApiHost.Start(azurite);
        await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client, "charge");

        using var empty = await client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { } });
        using var timeout = await client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { timeout = 5000 } });
        using var negative = await client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { retries = -2 } });
        using var unknown = await client.PatchAsJsonAsync("/v2/jobs/987654321", new { changeset = new { retries = 1 } });
        using var complete = await client.PostAsync($"/v2/jobs/{jobKey}/completion", null);
        using var ended = await client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { retries = 1 } });

        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest, "changeset.retries");
        await ProblemAssert.IsProblemAsync(timeout, HttpStatusCode.BadRequest, "timeout");
        await ProblemAssert.IsProblemAsync(negative, HttpStatusCode.BadRequest, "-2");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);
        await ProblemAssert.IsProblemAsync(ended, HttpStatusCode.Conflict, "completed");
    }

    private static async Task<string> ActivateOneAsync(HttpClient client, string type, int timeoutMs = 60_000)
    {
        using var response = await client.PostAsJsonAsync("/v2/jobs/activation",
            new { type, worker = "test", timeout = timeoutMs, maxJobsToActivate = 1, requestTimeout = 10_000 });
        var body = await ProblemAssert.IsJsonAsync(response);
        return Assert.Single(body.GetProperty("jobs").EnumerateArray()).GetProperty("jobKey").GetString()!;
    }

    private static async Task<string?> VariableAsync(HttpClient client, long instanceKey, string name)
    {
        using var response = await client.PostAsJsonAsync($"/v2/process-instances/{Key(instanceKey)}/variables/search", new { filter = new { name } });
        var items = (await ProblemAssert.IsJsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
        return items.Count == 0 ? null : items[0].GetProperty("value").GetString();
    }

    private static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);
}
