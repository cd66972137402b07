namespace TaskFunctions.Storage.Tables;

/// <summary>What one action of an entity-group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails if the row exists.</summary>
    Add,

    /// <summary>Merge into an existing row, guarded by If-Match (default: any version).</summary>
    UpdateMerge,

    /// <summary>Replace an existing row, guarded by If-Match (default: any version).</summary>
    UpdateReplace,

    /// <summary>Delete a row, guarded by If-Match (default: any version).</summary>
    Delete,

    /// <summary>Insert, or merge into the row if it exists.</summary>
    UpsertMerge,

    /// <summary>Insert, or replace the row if it exists.</summary>
    UpsertReplace,
}
