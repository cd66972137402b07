using TaskFunctions.Domain.Bpmn;
using BpmnUserTask = TaskFunctions.Domain.Bpmn.UserTask;

namespace TaskFunctions.Domain.Execution;

/// <summary>Picks the behavior for a flow node by its kind.</summary>
internal static class ElementBehaviors
{
    private static readonly IElementBehavior PassThrough = new PassThroughBehavior();

    public static IElementBehavior For(FlowNode node) => node switch
    {
        StartEvent or PassThroughTask or IntermediateThrowEvent => PassThrough,
        EndEvent => EndEventBehavior.Instance,
        ScriptTask => ScriptTaskBehavior.Instance,
        ExclusiveGateway => ExclusiveGatewayBehavior.Instance,
        ParallelGateway => ParallelGatewayBehavior.Instance,
        InclusiveGateway => InclusiveGatewayBehavior.Instance,
        IntermediateTimerCatchEvent => IntermediateTimerBehavior.Instance,
        BoundaryEvent => PassThrough,
        SubProcess => SubProcessBehavior.Instance,
        JobWorkerTask => JobBehavior.Instance,
        BpmnUserTask => UserTaskBehavior.Instance,
        _ => throw new InvalidOperationException($"The interpreter has no behavior for {node.ElementType} '{node.Id}'."),
    };
}
