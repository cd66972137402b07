using System.Diagnostics;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class ScaleTests
{
    [Fact]
    public void ParallelMultiInstance_TwoThousandTasks_StartsWithinBudget()
    {
        var harness = ProcessHarness.For("multi-instance-parallel.bpmn");
        var reviewers = new JsonArray(Enumerable.Range(0, 2000).Select(i => (JsonNode?)JsonValue.Create($"user-{i}")).ToArray());
        var watch = Stopwatch.StartNew();

        harness.Start(new JsonObject { ["reviewers"] = reviewers });

        Assert.Equal(2000, harness.Instance!.UserTasks.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
