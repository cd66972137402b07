using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// The <c>page</c> of a Camunda search result: the total (a lower bound when <see cref="HasMoreTotalItems"/>) and
/// the cursors of the first and last item, to pass as <c>before</c> / <c>after</c> for the neighbouring pages.
/// </summary>
public sealed record SearchPageResult
{
    public required long TotalItems { get; init; }

    public required bool HasMoreTotalItems { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StartCursor { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EndCursor { get; init; }
}
