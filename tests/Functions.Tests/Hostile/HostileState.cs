using System.Globalization;
using System.Net;
using TaskFunctions.Functions.Tests.Api.UserTasks;

namespace TaskFunctions.Functions.Tests.Hostile;

/// <summary>
/// The state hostile requests are aimed at: two review instances (candidate group <c>accounting</c>, a form with a
/// required field), one task open and one claimed by <c>alice</c>.
/// </summary>
internal sealed record HostileState(IReadOnlyList<long> TaskKeys, IReadOnlyList<long> InstanceKeys, IReadOnlyDictionary<string, string> Placeholders)
{
    public static async Task<HostileState> ArrangeAsync(ApiHost host)
    {
        var process = await host.DeployAsync(UserTaskSamples.Review(), ("review.form", UserTaskSamples.Form));
        var open = await host.StartAsync(process, new() { ["amount"] = 21, ["secret"] = "s3cr3t" });
        var claimed = await host.StartAsync(process, new() { ["amount"] = 5 });
        var openTask = (await host.OpenTasksAsync(open))[0].UserTaskKey;
        var claimedTask = (await host.OpenTasksAsync(claimed))[0].UserTaskKey;
        using var alice = host.Client("alice", "accounting");
        using var claim = await alice.PostAsync($"/v2/user-tasks/{claimedTask}/claim", null);
        Assert.Equal(HttpStatusCode.NoContent, claim.StatusCode);
        return new HostileState([openTask, claimedTask], [open, claimed], new Dictionary<string, string>
        {
            ["taskKey"] = Key(openTask),
            ["claimedTaskKey"] = Key(claimedTask),
            ["instanceKey"] = Key(open),
            ["definitionKey"] = Key(process.ProcessDefinitionKey),
        });
    }

    private static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);
}
