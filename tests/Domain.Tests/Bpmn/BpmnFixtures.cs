using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

/// <summary>Loads and parses the <c>.bpmn</c> files under <c>Bpmn/Fixtures</c>, copied next to the test assembly.</summary>
internal static class BpmnFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Bpmn", "Fixtures", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    public static BpmnParseResult Parse(string name) => BpmnParser.Parse(Read(name));

    /// <summary>Parses a fixture that must deploy, failing with every problem listed when it does not.</summary>
    public static ProcessDefinition ParseSingle(string name)
    {
        var result = Parse(name);
        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Problems));
        return Assert.Single(result.Processes);
    }

    /// <summary>Parses a fixture that must be rejected.</summary>
    public static IReadOnlyList<BpmnProblem> Problems(string name)
    {
        var result = Parse(name);
        Assert.False(result.IsSuccess, $"{name} was expected to be rejected.");
        Assert.Empty(result.Processes);
        return result.Problems;
    }
}
