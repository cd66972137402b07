using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// A parallel gateway with several incoming flows fires once a token has arrived on every incoming flow, consuming
/// one arrival per flow (further arrivals wait for the next join).
/// </summary>
internal static class ParallelJoin
{
    public static void TryFire(ExecutionSession session, long scopeKey, FlowNode gateway)
    {
        var scope = session.Elements[scopeKey];
        var incoming = gateway.Incoming.Select(f => f.Id).Distinct(StringComparer.Ordinal).ToList();
        if (!incoming.All(scope.JoinArrivals.Contains))
        {
            return;
        }

        session.Update(scope with { JoinArrivals = Consume(scope.JoinArrivals, incoming) });
        TokenFlow.CreateAndActivate(session, scopeKey, gateway, incomingFlowId: null);
    }

    /// <summary>Removes the first arrival of each of <paramref name="flowIds"/>.</summary>
    public static IReadOnlyList<string> Consume(IReadOnlyList<string> arrivals, IEnumerable<string> flowIds)
    {
        var remaining = arrivals.ToList();
        foreach (var flowId in flowIds)
        {
            remaining.Remove(flowId);
        }

        return remaining;
    }
}
