using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class RandomFunctionTests
{
    [Fact]
    public void Uuid_InMultiInstanceInputMapping_DistinctPerInstanceAndSameOnReplay()
    {
        var first = Tickets();
        var replay = Tickets();

        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first, replay);
    }

    private static List<string> Tickets()
    {
        var harness = ProcessHarness.For("uuid-per-instance.bpmn");
        harness.Start();
        return harness.OpenTasks("handle")
            .Select(task => harness.State.Variables[task.ElementInstanceKey]["ticket"]!.GetValue<string>())
            .ToList();
    }
}
