using System.Globalization;
using System.Text.Json.Nodes;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Api.Processes;

/// <summary>
/// Process-instance search without an index: a query over the <c>instance</c> rows of <c>{hub}Instances</c> (one
/// per instance, each in its own partition), filtered by the service on the columns the instance row carries
/// (BpmnProcessId, ProcessDefinitionKey, Version, Status), paged with the table's continuation token as the cursor.
/// The service scans every partition to answer, so the cost grows with the number of instances, not with the page.
/// </summary>
public static class InstanceSearch
{
    /// <summary>
    /// The most table pages one search request reads. A filter that matches rarely can return empty pages; past
    /// this many the search answers with what it found and a cursor to go on from.
    /// </summary>
    public const int MaxTablePagesPerRequest = 10;

    private const string CursorPrefix = "t:";

    private static readonly string[] Fields = ["processInstanceKey", "processDefinitionId", "processDefinitionKey", "processDefinitionVersion", "state"];

    private static readonly string[] Operators = ["$eq", "$neq", "$in", "$notIn"];

    /// <summary>Translates the filter into a table filter, or answers the 400 for a field, operator or value it cannot take.</summary>
    public static ProblemHttpResult? TryBuildFilter(JsonObject? filter, out TableFilter tableFilter)
    {
        tableFilter = TableFilter.RowKey.Eq(InstanceRows.InstanceRowKey);
        foreach (var (name, node) in filter ?? [])
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                tableFilter = default;
                return ApiProblems.BadRequest(
                    $"Unknown or unsupported filter field 'filter.{name}'. Process instances can be filtered by {string.Join(", ", Fields)}.",
                    $"filter.{name}");
            }

            if (FieldCondition.TryRead(node, name, out var condition, Operators) is { } bad)
            {
                tableFilter = default;
                return bad;
            }

            Func<string, object?> convert = name switch
            {
                "processInstanceKey" => ParseKey,
                "processDefinitionId" => v => v,
                "processDefinitionKey" => v => ApiKeys.TryParse(v, out var key) ? key : null,
                "processDefinitionVersion" => v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
                _ => v => ProcessInstanceViews.ParseState(v)?.ToString(),
            };
            var column = name switch
            {
                "processInstanceKey" => TableEntity.PartitionKeyName,
                "processDefinitionId" => "BpmnProcessId",
                "processDefinitionKey" => "ProcessDefinitionKey",
                "processDefinitionVersion" => "Version",
                _ => "Status",
            };
            if (Translate(condition, column, convert, out var part) is { } problem)
            {
                tableFilter = default;
                return problem;
            }

            tableFilter = tableFilter.And(part);
        }

        return null;
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> instance rows from <paramref name="continuation"/> on. Each table page
    /// asks for exactly the rows still missing, so the continuation after the last page is where the next search
    /// starts; null when the scan is complete.
    /// </summary>
    public static async Task<(IReadOnlyList<TableEntity> Rows, string? Continuation)> ReadPageAsync(
        TableClient table, TableFilter filter, int limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<TableEntity>();
        for (var pages = 0; rows.Count < limit && pages < MaxTablePagesPerRequest; pages++)
        {
            var wanted = Math.Min(1000, limit - rows.Count);
            var page = await FirstPageAsync(table.QueryAsync(filter, wanted, cancellationToken: cancellationToken).AsPages(continuation, wanted)).ConfigureAwait(false);
            rows.AddRange(page?.Values ?? []);
            continuation = page?.ContinuationToken;
            if (string.IsNullOrEmpty(continuation))
            {
                return (rows, null);
            }
        }

        return (rows, continuation);
    }

    /// <summary>The table continuation token as an opaque cursor.</summary>
    public static string WriteCursor(string continuation) => Cursors.Encode(CursorPrefix + continuation);

    /// <summary>The table continuation token in a cursor of this search, or null when it is not one.</summary>
    public static string? ReadCursor(string cursor) =>
        Cursors.Decode(cursor) is { } text && text.StartsWith(CursorPrefix, StringComparison.Ordinal) && text.Length > CursorPrefix.Length
            ? text[CursorPrefix.Length..]
            : null;

    private static async Task<Azure.Page<TableEntity>?> FirstPageAsync(IAsyncEnumerable<Azure.Page<TableEntity>> pages)
    {
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return page;
        }

        return null;
    }

    private static string? ParseKey(string value) => ApiKeys.TryParse(value, out var key) ? ApiKeys.Format(key) : null;

    // Equality and membership become eq/ne comparisons on the column; a value that cannot be in it is a 400.
    private static ProblemHttpResult? Translate(FieldCondition condition, string column, Func<string, object?> convert, out TableFilter filter)
    {
        filter = default;
        var property = TableFilter.Property(column);
        var parts = new List<TableFilter>();
        foreach (var (values, equal) in new[] { (Single(condition.Eq), true), (condition.In, true), (Single(condition.Neq), false), (condition.NotIn, false) })
        {
            if (values is null)
            {
                continue;
            }

            var comparisons = new List<TableFilter>();
            foreach (var value in values)
            {
                if (convert(value) is not { } converted)
                {
                    return ApiProblems.BadRequest($"'{value}' is not a valid value for filter.{condition.Field}.", $"filter.{condition.Field}");
                }

                comparisons.Add(equal ? property.Eq(converted) : property.Ne(converted));
            }

            if (comparisons.Count == 0)
            {
                // $in: [] matches nothing; $notIn: [] excludes nothing.
                parts.Add(equal ? TableFilter.RowKey.Eq("") : TableFilter.All);
                continue;
            }

            parts.Add(equal ? TableFilter.AnyOf(comparisons) : TableFilter.AllOf(comparisons));
        }

        filter = TableFilter.AllOf(parts.Where(p => !p.IsEmpty));
        return null;
    }

    private static string[]? Single(string? value) => value is null ? null : [value];
}
