using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage;

/// <summary>
/// The tables of one deployment, all named with its hub prefix so several deployments can share an account:
/// <c>{hub}Instances</c>, <c>{hub}TaskIndex</c>, <c>{hub}Keys</c>, <c>{hub}Timers</c>, <c>{hub}Definitions</c>,
/// <c>{hub}Jobs</c>, <c>{hub}Idempotency</c>.
/// </summary>
public sealed class TaskHub
{
    public const string DefaultName = "TaskHub";

    public TaskHub(TableServiceClient service, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!IsValidName(name))
        {
            throw new ArgumentException($"The hub name must be 3–45 letters or digits starting with a letter, got '{name}'.", nameof(name));
        }

        Service = service;
        Name = name;
        Instances = service.GetTableClient(name + "Instances");
        TaskIndex = service.GetTableClient(name + "TaskIndex");
        Keys = service.GetTableClient(name + "Keys");
        Timers = service.GetTableClient(name + "Timers");
        Definitions = service.GetTableClient(name + "Definitions");
        Jobs = service.GetTableClient(name + "Jobs");
        Idempotency = service.GetTableClient(name + "Idempotency");
    }

    /// <summary>
    /// Whether <paramref name="name"/> can prefix table names: 3–45 letters or digits starting with a letter (table
    /// names allow 63 characters; the longest suffixes, "Definitions" and "Idempotency", have 11).
    /// </summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 3 and <= 45 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    public TableServiceClient Service { get; }

    public string Name { get; }

    /// <summary>One partition per process instance: the instance row, its user tasks, jobs, history and outbox.</summary>
    public TableClient Instances { get; }

    /// <summary>Denormalised task summaries for task lists, projected from the instances.</summary>
    public TableClient TaskIndex { get; }

    /// <summary>Immutable key lookups (user task or job → process instance) and key allocation.</summary>
    public TableClient Keys { get; }

    /// <summary>Durable timers by due time.</summary>
    public TableClient Timers { get; }

    /// <summary>Deployed BPMN processes and forms with their versions.</summary>
    public TableClient Definitions { get; }

    /// <summary>Activatable jobs by type, for workers.</summary>
    public TableClient Jobs { get; }

    /// <summary>The stored outcomes of HTTP commands sent with an <c>Idempotency-Key</c>, for replaying retries.</summary>
    public TableClient Idempotency { get; }

    public IEnumerable<TableClient> Tables => [Instances, TaskIndex, Keys, Timers, Definitions, Jobs, Idempotency];

    /// <summary>Creates every table that does not exist yet.</summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in Tables)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
