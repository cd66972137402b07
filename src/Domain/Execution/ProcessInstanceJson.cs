using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.UserTasks;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Compact, lossless JSON for the rows of an instance: the orchestration state, each job, each user task (the
/// latter in the lifecycle's own format). Round trips are exact: serialize(deserialize(json)) == json.
/// </summary>
public static class ProcessInstanceJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(ProcessInstanceState state) => JsonSerializer.Serialize(state, Options);

    public static ProcessInstanceState DeserializeState(string json) =>
        JsonSerializer.Deserialize<ProcessInstanceState>(json, Options) ?? throw new JsonException("Expected a process instance state object, got null.");

    public static string Serialize(Job job) => JsonSerializer.Serialize(job, Options);

    public static Job DeserializeJob(string json) =>
        JsonSerializer.Deserialize<Job>(json, Options) ?? throw new JsonException("Expected a job object, got null.");

    public static string Serialize(UserTask task) => UserTaskJson.Serialize(task);

    public static UserTask DeserializeUserTask(string json) => UserTaskJson.Deserialize(json);

    /// <summary>Rebuilds the aggregate from its rows.</summary>
    public static ProcessInstance Load(string stateJson, IEnumerable<string> userTaskJson, IEnumerable<string> jobJson) =>
        new(
            DeserializeState(stateJson),
            userTaskJson.Select(DeserializeUserTask).ToDictionary(t => t.UserTaskKey),
            jobJson.Select(DeserializeJob).ToDictionary(j => j.JobKey));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
            WriteIndented = false,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new IsoDurationConverter());
        options.MakeReadOnly();
        return options;
    }

    // Empty lists and maps are the defaults of every collection property, so leaving them out loses nothing.
    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType)
                && !typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = (_, value) => value is not System.Collections.ICollection { Count: 0 };
            }
        }
    }

    /// <summary>Durations are stored in their ISO 8601 form.</summary>
    private sealed class IsoDurationConverter : JsonConverter<IsoDuration>
    {
        public override IsoDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IsoDuration.TryParse(reader.GetString(), out var duration)
                ? duration
                : throw new JsonException($"'{reader.GetString()}' is not an ISO 8601 duration.");

        public override void Write(Utf8JsonWriter writer, IsoDuration value, JsonSerializerOptions options)
        {
            var text = new System.Text.StringBuilder("P");
            text.Append(CultureInfo.InvariantCulture, $"{value.Years}Y{value.Months}M{value.Days}DT");
            var time = value.Time;
            var seconds = (decimal)(time.Ticks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerSecond;
            text.Append(CultureInfo.InvariantCulture, $"{(long)time.TotalHours}H{time.Minutes}M{seconds}S");
            writer.WriteStringValue(text.ToString());
        }
    }
}
