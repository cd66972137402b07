using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// Whether a completion provides a required variable. A name is found as a top-level variable, or as a dotted path
/// into nested objects (<c>address.city</c>, as form fields inside a group with a path are named). A variable that is
/// present with the value null counts as missing, as Camunda Forms treat an empty required field.
/// </summary>
public static class RequiredVariables
{
    public static bool IsPresent(JsonObject variables, string name)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(name);
        if (variables.TryGetPropertyValue(name, out var direct))
            return direct is not null;

        JsonNode? node = variables;
        foreach (var segment in name.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
                return false;
        }

        return node is not null;
    }
}
