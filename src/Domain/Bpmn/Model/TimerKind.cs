namespace TaskFunctions.Domain.Bpmn;

/// <summary>Which BPMN timer definition child was used.</summary>
public enum TimerKind
{
    /// <summary><c>timeDuration</c>: due a duration after activation.</summary>
    Duration,

    /// <summary><c>timeDate</c>: due at a fixed instant.</summary>
    Date,

    /// <summary><c>timeCycle</c>: due repeatedly.</summary>
    Cycle,
}
