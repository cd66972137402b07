namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The step an element instance is in. An incident leaves the element in the step that failed, so resolving the
/// incident repeats exactly that step.
/// </summary>
public enum ElementInstancePhase
{
    /// <summary>Being activated (input mappings, gateway conditions, timers, job or task creation).</summary>
    Activating,

    /// <summary>Activated and waiting: for a person, a worker, a timer or its children.</summary>
    Active,

    /// <summary>Being completed (output mappings).</summary>
    Completing,
}
