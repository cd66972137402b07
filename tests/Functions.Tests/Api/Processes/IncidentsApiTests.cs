using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.Processes;

[Collection(AzuriteCollection.Name)]
public sealed class IncidentsApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task ResolveIncident_JobOutOfRetries_409UntilRetriesRaisedThen204AndJobOfferedAgain()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        using var client = host.Client();
        var jobKey = await ActivateOneAsync(client);
        using var fail = await client.PostAsJsonAsync($"/v2/jobs/{jobKey}/failure", new { retries = 0, errorMessage = "offline" });
        var incidentKey = await SingleIncidentAsync(client, instanceKey);

        using var tooEarly = await client.PostAsync($"/v2/incidents/{incidentKey}/resolution", null);
        using var retries = await client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { retries = 2 } });
        using var resolve = await client.PostAsJsonAsync($"/v2/incidents/{incidentKey}/resolution", new { operationReference = "12" });
        using var again = await client.PostAsync($"/v2/incidents/{incidentKey}/resolution", null);
        using var incidents = await client.PostAsync($"/v2/process-instances/{Key(instanceKey)}/incidents/search", null);

        Assert.Equal(HttpStatusCode.NoContent, fail.StatusCode);
        await ProblemAssert.IsProblemAsync(tooEarly, HttpStatusCode.Conflict, "retries");
        Assert.Equal(HttpStatusCode.NoContent, retries.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, resolve.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, incidentKey);
        Assert.Empty((await ProblemAssert.IsJsonAsync(incidents)).GetProperty("items").EnumerateArray());
        Assert.Equal(jobKey, await ActivateOneAsync(client));
    }

    [Fact(Timeout = 60_000)]
    public async Task ResolveIncident_UnknownOrInvalidKeyOrUnknownField_404Or400()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var unknown = await client.PostAsync("/v2/incidents/987654321/resolution", null);
        using var invalid = await client.PostAsync("/v2/incidents/inc-1/resolution", null);
        using var unknownField = await client.PostAsJsonAsync("/v2/incidents/987654321/resolution", new { force = true });

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "not a valid key");
        await ProblemAssert.IsProblemAsync(unknownField, HttpStatusCode.BadRequest, "'force'");
    }

    private static async Task<string> ActivateOneAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "charge", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 10_000 });
        return Assert.Single((await ProblemAssert.IsJsonAsync(response)).GetProperty("jobs").EnumerateArray()).GetProperty("jobKey").GetString()!;
    }

    private static async Task<string> SingleIncidentAsync(HttpClient client, long instanceKey)
    {
        using var response = await client.PostAsync($"/v2/process-instances/{Key(instanceKey)}/incidents/search", null);
        return Assert.Single((await ProblemAssert.IsJsonAsync(response)).GetProperty("items").EnumerateArray()).GetProperty("incidentKey").GetString()!;
    }

    private static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);
}
