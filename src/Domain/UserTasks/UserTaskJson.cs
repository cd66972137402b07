using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// The compact JSON form of <see cref="UserTask"/> and <see cref="UserTaskEvent"/> as stored in table rows:
/// camelCase, enums as Camunda's upper-case names, nulls omitted.
/// </summary>
public static class UserTaskJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(UserTask task) => JsonSerializer.Serialize(task, Options);

    /// <summary>Reads a task written by <see cref="Serialize(UserTask)"/>; throws <see cref="JsonException"/> for anything else.</summary>
    public static UserTask Deserialize(string json) =>
        JsonSerializer.Deserialize<UserTask>(json, Options) ?? throw new JsonException("Expected a user task object, got null.");

    public static string Serialize(UserTaskEvent userTaskEvent) => JsonSerializer.Serialize(userTaskEvent, Options);

    /// <summary>Reads an event written by <see cref="Serialize(UserTaskEvent)"/>; throws <see cref="JsonException"/> for anything else.</summary>
    public static UserTaskEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<UserTaskEvent>(json, Options) ?? throw new JsonException("Expected a user task event object, got null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
