using System.Text.Json.Nodes;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// The form of a user task (Camunda's <c>FormResult</c>). <see cref="Schema"/> is the form's JSON as an object, as the
/// 8.8 API schema and its official client declare it.
/// </summary>
public sealed record FormResult(string TenantId, string FormId, JsonNode Schema, long Version, string FormKey);
