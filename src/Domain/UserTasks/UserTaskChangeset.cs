using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// The attributes an update may change: due date, follow-up date, candidate users, candidate groups and priority.
/// Each keeps its value unless set (see <see cref="FieldUpdate{T}"/>). The assignee is changed by assignment only.
/// </summary>
public sealed record UserTaskChangeset
{
    public const string DueDateField = "dueDate";
    public const string FollowUpDateField = "followUpDate";
    public const string CandidateUsersField = "candidateUsers";
    public const string CandidateGroupsField = "candidateGroups";
    public const string PriorityField = "priority";

    public static UserTaskChangeset Empty { get; } = new();

    public FieldUpdate<DateTimeOffset> DueDate { get; init; }

    public FieldUpdate<DateTimeOffset> FollowUpDate { get; init; }

    /// <summary>Set to an empty list (or <see cref="FieldUpdate{T}.Clear"/>) to remove all candidate users.</summary>
    public FieldUpdate<IReadOnlyList<string>> CandidateUsers { get; init; }

    /// <summary>Set to an empty list (or <see cref="FieldUpdate{T}.Clear"/>) to remove all candidate groups.</summary>
    public FieldUpdate<IReadOnlyList<string>> CandidateGroups { get; init; }

    /// <summary>0–100; cannot be cleared.</summary>
    public FieldUpdate<int> Priority { get; init; }

    /// <summary>True when no field is set: Camunda accepts such an update and changes nothing.</summary>
    public bool IsEmpty => DueDate.IsKeep && FollowUpDate.IsKeep && CandidateUsers.IsKeep && CandidateGroups.IsKeep && Priority.IsKeep;

    /// <summary>
    /// Reads Camunda's <c>changeset</c> object: null or missing keeps, <c>""</c> clears a date, <c>[]</c> clears a list.
    /// Other attributes are ignored, as Camunda does. Never throws; bad values give a <see cref="DomainErrorKind.Validation"/>
    /// error naming every bad field.
    /// </summary>
    public static UserTaskChangesetParseResult FromJson(JsonObject? changeset)
    {
        if (changeset is null)
            return new UserTaskChangesetParseResult(Empty, null);

        var problems = new List<string>();
        var fields = new List<string>();
        var result = new UserTaskChangeset
        {
            DueDate = ReadDate(changeset, DueDateField, "due date", problems, fields),
            FollowUpDate = ReadDate(changeset, FollowUpDateField, "follow-up date", problems, fields),
            CandidateUsers = ReadList(changeset, CandidateUsersField, problems, fields),
            CandidateGroups = ReadList(changeset, CandidateGroupsField, problems, fields),
            Priority = ReadPriority(changeset, problems, fields),
        };

        if (problems.Count == 0)
            return new UserTaskChangesetParseResult(result, null);

        var error = new DomainError(DomainErrorKind.Validation, "INVALID_CHANGESET", string.Join(" ", problems)) { Fields = fields };
        return new UserTaskChangesetParseResult(null, error);
    }

    private static FieldUpdate<DateTimeOffset> ReadDate(JsonObject changeset, string field, string label, List<string> problems, List<string> fields)
    {
        var node = changeset[field];
        if (node is null)
            return FieldUpdate<DateTimeOffset>.Keep;

        if (node.GetValueKind() != JsonValueKind.String)
        {
            problems.Add($"The {label} must be an ISO 8601 date-time string with an offset, or \"\" to clear it; got {node.ToJsonString()}.");
            fields.Add(field);
            return FieldUpdate<DateTimeOffset>.Keep;
        }

        var text = node.GetValue<string>();
        if (text.Length == 0)
            return FieldUpdate<DateTimeOffset>.Clear;

        if (IsoDateTime.TryParse(text, out var date))
            return FieldUpdate<DateTimeOffset>.Set(date);

        problems.Add(IsoDateTime.IsLocalDateTime(text)
            ? $"The {label} '{text}' has no offset; add one such as 'Z' or '+02:00'."
            : $"The {label} '{text}' cannot be parsed as an ISO 8601 date-time with an offset (RFC 3339, section 5.6).");
        fields.Add(field);
        return FieldUpdate<DateTimeOffset>.Keep;
    }

    private static FieldUpdate<IReadOnlyList<string>> ReadList(JsonObject changeset, string field, List<string> problems, List<string> fields)
    {
        var node = changeset[field];
        if (node is null)
            return FieldUpdate<IReadOnlyList<string>>.Keep;

        if (node is JsonArray array && array.All(item => item?.GetValueKind() == JsonValueKind.String))
            return FieldUpdate<IReadOnlyList<string>>.Set(array.Select(item => item!.GetValue<string>()).ToArray());

        problems.Add($"{field} must be a list of strings, or [] to clear it; got {node.ToJsonString()}.");
        fields.Add(field);
        return FieldUpdate<IReadOnlyList<string>>.Keep;
    }

    private static FieldUpdate<int> ReadPriority(JsonObject changeset, List<string> problems, List<string> fields)
    {
        var node = changeset[PriorityField];
        if (node is null)
            return FieldUpdate<int>.Keep;

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<decimal>(out var number)
            && number == decimal.Truncate(number) && number is >= 0 and <= 100)
        {
            return FieldUpdate<int>.Set((int)number);
        }

        problems.Add($"The value for priority is '{node.ToJsonString()}' but must be an integer within the [0,100] range.");
        fields.Add(PriorityField);
        return FieldUpdate<int>.Keep;
    }
}
