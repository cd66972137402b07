namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// The outcome of parsing a BPMN file: either every executable process, or every problem found (never both).
/// </summary>
public sealed record BpmnParseResult
{
    private BpmnParseResult(
        IReadOnlyList<ProcessDefinition> processes,
        IReadOnlyList<BpmnProblem> problems,
        IReadOnlyList<string> skippedProcessIds)
    {
        Processes = processes;
        Problems = problems;
        SkippedProcessIds = skippedProcessIds;
    }

    /// <summary>The executable processes of the file; empty when there are problems.</summary>
    public IReadOnlyList<ProcessDefinition> Processes { get; }

    /// <summary>Every problem found, in file order; empty on success.</summary>
    public IReadOnlyList<BpmnProblem> Problems { get; }

    /// <summary>Processes marked <c>isExecutable="false"</c>: not deployable, and therefore not validated (as in Zeebe).</summary>
    public IReadOnlyList<string> SkippedProcessIds { get; }

    public bool IsSuccess => Problems.Count == 0;

    internal static BpmnParseResult Success(IReadOnlyList<ProcessDefinition> processes, IReadOnlyList<string> skipped) =>
        new(processes, [], skipped);

    // Sorted by line (stably, so problems of one element keep the order they were found in) to read like the file.
    internal static BpmnParseResult Failure(IReadOnlyList<BpmnProblem> problems, IReadOnlyList<string> skipped) =>
        new([], problems.OrderBy(p => p.Line).ToList(), skipped);
}
