namespace TaskFunctions.Storage.Tables;

/// <summary>How a write treats properties the stored row has but the entity does not.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the entity's properties are written (HTTP MERGE).</summary>
    Merge,

    /// <summary>Drop them: the row becomes exactly the entity (HTTP PUT).</summary>
    Replace,
}
