namespace TaskFunctions.Domain.UserTasks;

/// <summary>What a <see cref="FieldUpdate{T}"/> does to its field.</summary>
public enum FieldUpdateKind
{
    /// <summary>Leave the field as it is (absent or null in the request).</summary>
    Keep,

    /// <summary>Remove the value (an empty string for a date).</summary>
    Clear,

    /// <summary>Replace the value.</summary>
    Set,
}
