using System.Globalization;
using System.Text;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Checks an entity-group transaction against the service's rules and writes its <c>multipart/mixed</c> body.
/// The rules are enforced here because the emulator does not enforce all of them (it accepts mixed partitions).
/// </summary>
internal static class TableTransactionBody
{
    public const int MaxActions = 100;
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <exception cref="ArgumentException">An action is invalid (bad keys, limits, duplicate row, mixed partitions).</exception>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > MaxActions)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A transaction holds 1 to {MaxActions} actions; got {actions.Count}."), nameof(actions));
        }

        var rows = new HashSet<string>(StringComparer.Ordinal);
        var partitionKey = actions[0].Entity?.PartitionKey;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Action {i} is null."), nameof(actions));
            var entity = action.Entity ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Action {i} has no entity."), nameof(actions));
            if (!Enum.IsDefined(action.ActionType))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Action {i} has an unknown type {action.ActionType}."), nameof(actions));
            }

            if (action.ActionType == TableTransactionActionType.Delete)
            {
                TableKeys.Validate(entity.PartitionKey, TableEntity.PartitionKeyName);
                TableKeys.Validate(entity.RowKey, TableEntity.RowKeyName);
            }
            else
            {
                TableEntityLimits.Validate(entity);
            }

            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"All actions of a transaction must share one PartitionKey: action 0 has '{partitionKey}', action {i} has '{entity.PartitionKey}'."),
                    nameof(actions));
            }

            if (!rows.Add(entity.RowKey!))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Row '{entity.RowKey}' appears more than once in the transaction (again at action {i}); each row may appear once."),
                    nameof(actions));
            }
        }
    }

    /// <summary>The body, byte for byte as the service expects: CRLF lines, absolute sub-request URLs.</summary>
    public static byte[] Build(string endpoint, string table, IReadOnlyList<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        var text = new StringBuilder();
        text.Append("--").Append(batchBoundary).Append("\r\n");
        text.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            text.Append("--").Append(changesetBoundary).Append("\r\n");
            text.Append("Content-Type: application/http\r\n");
            text.Append("Content-Transfer-Encoding: binary\r\n\r\n");
            AppendRequest(text, endpoint, table, action);
        }

        text.Append("--").Append(changesetBoundary).Append("--\r\n");
        text.Append("--").Append(batchBoundary).Append("--\r\n");
        var body = Encoding.UTF8.GetBytes(text.ToString());
        if (body.Length > MaxBodyBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The transaction's body is {body.Length} bytes; at most {MaxBodyBytes} (4 MiB) are allowed. Split it."),
                nameof(actions));
        }

        return body;
    }

    private static void AppendRequest(StringBuilder text, string endpoint, string table, TableTransactionAction action)
    {
        var entity = action.Entity;
        var entityUrl = endpoint + "/" + TableKeys.EntityPath(table, entity.PartitionKey!, entity.RowKey!);
        var ifMatch = action.ETag == default ? "*" : action.ETag.ToString();
        var (method, url, condition) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", endpoint + "/" + table, null),
            TableTransactionActionType.UpdateMerge => ("MERGE", entityUrl, ifMatch),
            TableTransactionActionType.UpdateReplace => ("PUT", entityUrl, ifMatch),
            TableTransactionActionType.UpsertMerge => ("MERGE", entityUrl, null),
            TableTransactionActionType.UpsertReplace => ("PUT", entityUrl, null),
            TableTransactionActionType.Delete => ("DELETE", entityUrl, ifMatch),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action type."),
        };

        var hasBody = action.ActionType != TableTransactionActionType.Delete;
        text.Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n");
        if (hasBody)
        {
            text.Append("Content-Type: application/json\r\n");
        }

        text.Append("Accept: ").Append(TableRestChannel.JsonAccept).Append("\r\n");
        if (hasBody)
        {
            text.Append("Prefer: return-no-content\r\n");
        }

        text.Append("DataServiceVersion: 3.0;\r\n");
        if (condition is not null)
        {
            text.Append("If-Match: ").Append(condition).Append("\r\n");
        }

        text.Append("\r\n");
        if (hasBody)
        {
            text.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
        }
    }
}
