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
/// <c>CommitSequence</c> of the command that wrote them.
/// </summary>
public static class InstanceRows
{
    public const string InstanceRowKey = "instance";
    public const string TaskPrefix = "task-";
    public const string JobPrefix = "job-";
    public const string HistoryPrefix = "history-";
    public const string OutboxPrefix = "outbox-";

    public const string StateColumn = "State";
    public const string BodyColumn = "Body";
    public const string CommitSequenceColumn = "CommitSequence";
    public const string CommandIdColumn = "CommandId";
    public const string LastCommandIdColumn = "LastCommandId";
    public const string SequenceColumn = "Sequence";

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

    public static UserTask ReadTask(TableEntity row) =>
        UserTaskJson.Deserialize(LargeStringProperty.Read(row, BodyColumn)
            ?? throw new InvalidDataException($"Task row {row.PartitionKey}/{row.RowKey} has no body."));

    public static Job ReadJob(TableEntity row) =>
        ProcessInstanceJson.DeserializeJob(LargeStringProperty.Read(row, BodyColumn)
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
}
