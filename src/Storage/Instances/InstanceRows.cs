using System.Globalization;
using System.Text.Json;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Instances;

/// <summary>
/// The rows of one process instance in <c>{hub}Instances</c> (PartitionKey = the instance key in decimal):
/// <c>instance</c> (state JSON split past 32K characters, plus Status, BpmnProcessId, ProcessDefinitionKey,
/// Version, Sequence, LastCommandId), <c>task-{userTaskKey}</c>, <c>job-{jobKey}</c>, <c>history-{seq:D10}</c>
/// (one <see cref="ProcessEvent"/> each, with the CommandId that wrote it) and <c>outbox-{seq:D10}</c> (the
/// projections still due after the command that reached that sequence). Task, job and history rows carry the
/// <c>CommitSequence</c> of the command that wrote them. A task or job row staged by a command too large for one
/// transaction also carries <c>StagedBy</c> (the stage id of that command attempt) and <c>PreviousBody</c> /
/// <c>PreviousCommitSequence</c> (the content committed before): the staged <c>Body</c> counts only once the
/// <c>commit-{stageId}</c> row exists, which the attempt adds in its final transaction with the instance row.
/// </summary>
public static class InstanceRows
{
    public const string InstanceRowKey = "instance";
    public const string TaskPrefix = "task-";
    public const string JobPrefix = "job-";
    public const string HistoryPrefix = "history-";
    public const string OutboxPrefix = "outbox-";
    public const string CommitPrefix = "commit-";

    public const string StateColumn = "State";
    public const string BodyColumn = "Body";
    public const string CommitSequenceColumn = "CommitSequence";
    public const string CommandIdColumn = "CommandId";
    public const string LastCommandIdColumn = "LastCommandId";
    public const string SequenceColumn = "Sequence";
    public const string StagedByColumn = "StagedBy";
    public const string PreviousBodyColumn = "PreviousBody";
    public const string PreviousCommitSequenceColumn = "PreviousCommitSequence";
    public const string StagingColumn = "Staging";

    /// <summary>The service's limit for one entity (1 MiB).</summary>
    public const long MaxEntityBytes = 1024 * 1024;

    /// <summary>
    /// The state's JSON conventions, except that only nulls are left out: an event's type may be the enum's first
    /// member, which the state options would drop although it is required.
    /// </summary>
    public static JsonSerializerOptions EventOptions { get; } = CreateEventOptions();

    private static JsonSerializerOptions CreateEventOptions()
    {
        var options = new JsonSerializerOptions(ProcessInstanceJson.Options)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly();
        return options;
    }

    public static string PartitionKey(long processInstanceKey) => processInstanceKey.ToString(CultureInfo.InvariantCulture);

    public static string TaskRowKey(long userTaskKey) => TaskPrefix + userTaskKey.ToString(CultureInfo.InvariantCulture);

    public static string JobRowKey(long jobKey) => JobPrefix + jobKey.ToString(CultureInfo.InvariantCulture);

    public static string HistoryRowKey(long sequence) => HistoryPrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    public static string OutboxRowKey(long sequence) => OutboxPrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    public static string CommitRowKey(string stageId) => CommitPrefix + stageId;

    /// <summary>
    /// The row an oversized command attempt adds in its final transaction: its staged task and job rows count from
    /// then on.
    /// </summary>
    public static TableEntity CommitRow(long processInstanceKey, string stageId, string commandId, long commitSequence) =>
        new(PartitionKey(processInstanceKey), CommitRowKey(stageId))
        {
            [CommandIdColumn] = commandId,
            [CommitSequenceColumn] = commitSequence,
        };

    /// <summary>
    /// A merge of the instance row that changes nothing the state depends on: it moves the row's ETag, so a staging
    /// transaction holding it applies only while no other command has committed since the read.
    /// </summary>
    public static TableEntity StagingGuard(long processInstanceKey, string stageId) =>
        new(PartitionKey(processInstanceKey), InstanceRowKey) { [StagingColumn] = stageId };

    /// <summary>
    /// Marks <paramref name="row"/> (the new content of an existing task or job row) as staged by
    /// <paramref name="stageId"/>, keeping the committed content beside it for readers until the stage commits.
    /// </summary>
    public static TableEntity Staged(TableEntity row, string stageId, string previousBody, long previousCommitSequence)
    {
        ArgumentNullException.ThrowIfNull(row);
        row[StagedByColumn] = stageId;
        row[PreviousCommitSequenceColumn] = previousCommitSequence;
        LargeStringProperty.Write(row, PreviousBodyColumn, previousBody);
        return row;
    }

    /// <summary>The stage id of a task or job row whose content is staged, or null for plain committed content.</summary>
    public static string? StagedBy(TableEntity row) => row.GetString(StagedByColumn);

    /// <summary>
    /// The column with the row's committed content: <c>Body</c>, or <c>PreviousBody</c> when the row was staged by
    /// an attempt whose commit row is not among <paramref name="isCommitted"/>.
    /// </summary>
    public static string CommittedBodyColumn(TableEntity row, Func<string, bool> isCommitted)
    {
        ArgumentNullException.ThrowIfNull(isCommitted);
        return StagedBy(row) is { } stage && !isCommitted(stage) ? PreviousBodyColumn : BodyColumn;
    }

    /// <summary>The commit sequence of the row's committed content (see <see cref="CommittedBodyColumn"/>).</summary>
    public static long CommittedSequence(TableEntity row, string bodyColumn) =>
        (bodyColumn == PreviousBodyColumn ? row.GetInt64(PreviousCommitSequenceColumn) : row.GetInt64(CommitSequenceColumn)) ?? 0;

    public static TableEntity InstanceRow(ProcessInstanceState state, string commandId)
    {
        var row = new TableEntity(PartitionKey(state.ProcessInstanceKey), InstanceRowKey)
        {
            ["Status"] = state.Status.ToString(),
            ["BpmnProcessId"] = state.BpmnProcessId,
            ["ProcessDefinitionKey"] = state.ProcessDefinitionKey,
            ["Version"] = state.ProcessDefinitionVersion,
            [SequenceColumn] = state.Sequence,
            [LastCommandIdColumn] = commandId,
        };
        LargeStringProperty.Write(row, StateColumn, ProcessInstanceJson.Serialize(state));
        return row;
    }

    public static TableEntity TaskRow(UserTask task, long commitSequence)
    {
        var row = new TableEntity(PartitionKey(task.ProcessInstanceKey), TaskRowKey(task.UserTaskKey))
        {
            ["TaskState"] = task.State.ToString(),
            ["TaskVersion"] = task.Version,
            [CommitSequenceColumn] = commitSequence,
        };
        LargeStringProperty.Write(row, BodyColumn, UserTaskJson.Serialize(task));
        return row;
    }

    public static TableEntity JobRow(Job job, long commitSequence)
    {
        var row = new TableEntity(PartitionKey(job.ProcessInstanceKey), JobRowKey(job.JobKey))
        {
            ["JobType"] = job.Type,
            ["JobState"] = job.State.ToString(),
            [CommitSequenceColumn] = commitSequence,
        };
        LargeStringProperty.Write(row, BodyColumn, ProcessInstanceJson.Serialize(job));
        return row;
    }

    public static TableEntity HistoryRow(long processInstanceKey, ProcessEvent processEvent, string commandId, long commitSequence)
    {
        var row = new TableEntity(PartitionKey(processInstanceKey), HistoryRowKey(processEvent.Sequence))
        {
            ["EventType"] = processEvent.Type.ToString(),
            ["Actor"] = processEvent.Actor,
            ["At"] = processEvent.Timestamp,
            [CommandIdColumn] = commandId,
            [CommitSequenceColumn] = commitSequence,
        };
        LargeStringProperty.Write(row, BodyColumn, JsonSerializer.Serialize(processEvent, EventOptions));
        return row;
    }

    public static TableEntity OutboxRow(long processInstanceKey, OutboxEntry entry)
    {
        var row = new TableEntity(PartitionKey(processInstanceKey), OutboxRowKey(entry.Sequence))
        {
            [CommandIdColumn] = entry.CommandId,
        };
        LargeStringProperty.Write(row, BodyColumn, OutboxEntry.Serialize(entry));
        return row;
    }

    public static ProcessInstanceState ReadState(TableEntity row) =>
        ProcessInstanceJson.DeserializeState(LargeStringProperty.Read(row, StateColumn)
            ?? throw new InvalidDataException($"Instance row {row.PartitionKey} has no state."));

    public static UserTask ReadTask(TableEntity row, string bodyColumn = BodyColumn) =>
        UserTaskJson.Deserialize(LargeStringProperty.Read(row, bodyColumn)
            ?? throw new InvalidDataException($"Task row {row.PartitionKey}/{row.RowKey} has no body."));

    public static Job ReadJob(TableEntity row, string bodyColumn = BodyColumn) =>
        ProcessInstanceJson.DeserializeJob(LargeStringProperty.Read(row, bodyColumn)
            ?? throw new InvalidDataException($"Job row {row.PartitionKey}/{row.RowKey} has no body."));

    public static ProcessEvent ReadHistory(TableEntity row) =>
        JsonSerializer.Deserialize<ProcessEvent>(LargeStringProperty.Read(row, BodyColumn) ?? "null", EventOptions)
            ?? throw new InvalidDataException($"History row {row.PartitionKey}/{row.RowKey} has no body.");

    public static OutboxEntry ReadOutbox(TableEntity row) =>
        OutboxEntry.Deserialize(LargeStringProperty.Read(row, BodyColumn)
            ?? throw new InvalidDataException($"Outbox row {row.PartitionKey}/{row.RowKey} has no body."));

    public static long KeyOf(string rowKey, string prefix) =>
        long.Parse(rowKey.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>A rough size of the row on the wire, to keep transactions under 4 MiB.</summary>
    public static long EstimateBytes(TableEntity row) =>
        256 + row.Sum(p => (long)p.Key.Length * 2 + (p.Value is string s ? s.Length * 3L : 32));

    /// <summary>The row's size as the service counts it against <see cref="MaxEntityBytes"/> (UTF-16 strings).</summary>
    public static long EntityBytes(TableEntity row) =>
        4 + row.Sum(p => 8 + (long)p.Key.Length * 2 + (p.Value is string s ? 4 + s.Length * 2L : 8));
}
