using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.Forms;
using TaskFunctions.Domain.UserTasks;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// Deployed BPMN processes and Camunda Forms with their versions, in <see cref="TaskHub.Definitions"/>.
/// <para>Rows (ids and tenants escaped with <c>%XX</c> for <c>% | / \ # ?</c> and control characters):</para>
/// <list type="table">
/// <item><term><c>process|{tenant}|{bpmnProcessId}</c> / <c>v{version:D10}</c></term><description>one version:
/// DefinitionKey, DeploymentKey, Version, Name, VersionTag, ResourceName, Checksum (SHA-256 of the text with
/// uniform line endings), DeployedAt, and the file's text gzip-compressed in <c>Content</c>, <c>Content_1</c>, …
/// (<c>Content_Parts</c>).</description></item>
/// <item><term><c>process|{tenant}|{bpmnProcessId}</c> / <c>latest</c></term><description>the pointer to the latest
/// version: Version, DefinitionKey, Checksum, ResourceName, DeploymentKey. A BPMN file with several processes is
/// stored with each of them.</description></item>
/// <item><term><c>form|{tenant}|{formId}</c> / <c>v{version:D10}</c> and <c>latest</c></term><description>the same for
/// forms (the content is the form's JSON).</description></item>
/// <item><term><c>key|{definitionKey}</c> / <c>key</c></term><description>Kind, DefinitionPartition, Version: where
/// a process definition key or form key is stored.</description></item>
/// <item><term><c>deployment|{deploymentKey}</c> / <c>process|{id}</c> or <c>form|{id}</c></term><description>what a
/// deployment contained: DefinitionKey and Version (for a resource identical to the latest version, that existing
/// version).</description></item>
/// </list>
/// <para>
/// A new version row and the move of its <c>latest</c> pointer share a partition and are written in one
/// transaction, the pointer guarded by its ETag: a version row never exists without its pointer having moved to it,
/// and concurrent deployments of one id get distinct, consecutive versions (the loser re-reads and retries). Key
/// and deployment rows are written before that transaction; if it never happens they point at a version row that
/// does not exist or carries another key, and are read as absent. The definitions of one deployment are committed
/// one after another, forms before processes, so a process visible by any lookup has its deployment's forms in place;
/// a crash part-way leaves the earlier definitions of the deployment deployed and the later ones not.
/// </para>
/// <para>
/// Definitions are immutable, so parsed processes and forms are cached by key in memory (bounded).
/// </para>
/// </summary>
public sealed class DefinitionStore
{
    /// <summary>Parsed definitions kept in memory, per kind.</summary>
    public const int CacheCapacity = 1_000;

    private const int MaxCommitAttempts = 100;

    private readonly TaskHub _hub;
    private readonly IKeyGenerator _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BoundedCache<long, CachedProcess> _processes = new(CacheCapacity);
    private readonly BoundedCache<long, CachedForm> _forms = new(CacheCapacity);

    public DefinitionStore(TaskHub hub, IKeyGenerator keys, TimeProvider time, ILogger<DefinitionStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _hub = hub;
        _keys = keys;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    private TableClient Table => _hub.Definitions;

    /// <summary>
    /// Deploys BPMN files and forms as one unit: every resource is read first, and any problem in any of them refuses
    /// the whole deployment with every problem listed and nothing written. A process or form identical to its latest
    /// version (same resource name and content) keeps that version and key. Never throws for bad input.
    /// </summary>
    public async Task<DeploymentResult> DeployAsync(IReadOnlyList<DeploymentResource> resources, string tenantId, CancellationToken ct)
    {
        var tenant = string.IsNullOrWhiteSpace(tenantId) ? UserTask.DefaultTenantId : tenantId;
        var validated = DeploymentValidator.Validate(resources, tenant);
        if (validated.Problems.Count > 0)
        {
            Logs.DeploymentRefused(_logger, tenant, validated.Problems.Count, Describe(validated.Problems[0]));
            return new DeploymentResult(0, tenant, [], [], validated.Problems);
        }

        var deploymentKey = _keys.NextKey();
        var now = _time.GetUtcNow();

        var forms = new List<DeployedForm>();
        var newCount = 0;
        foreach (var candidate in validated.Forms)
        {
            var pending = new PendingDefinition(DefinitionKind.Form, candidate.FormId, candidate.ResourceName, candidate.Checksum, candidate.Compressed, null, candidate.VersionTag);
            var stored = await StoreAsync(pending, tenant, deploymentKey, now, ct).ConfigureAwait(false);
            newCount += stored.IsNew ? 1 : 0;
            var form = stored.IsNew
                ? _forms.GetOrAdd(stored.Key, new CachedForm(
                    new DeployedForm(stored.Key, candidate.FormId, stored.Version, candidate.VersionTag, candidate.ResourceName, deploymentKey, tenant, candidate.Text, candidate.Parsed),
                    DefinitionRows.DefinitionPartitionKey(DefinitionKind.Form, tenant, candidate.FormId))).Form
                : await GetFormAsync(stored.Key, ct).ConfigureAwait(false) ?? throw MissingLatest(DefinitionKind.Form, tenant, candidate.FormId, stored);
            forms.Add(form);
        }

        await WriteMembersAsync(deploymentKey, DefinitionKind.Form, forms.Select(f => (f.FormId, f.FormKey, f.Version)), ct).ConfigureAwait(false);

        var processes = new List<DeployedProcess>();
        foreach (var candidate in validated.Processes)
        {
            var model = candidate.Model;
            var pending = new PendingDefinition(DefinitionKind.Process, model.BpmnProcessId, candidate.ResourceName, candidate.Checksum, candidate.Compressed, model.Name, model.VersionTag);
            var stored = await StoreAsync(pending, tenant, deploymentKey, now, ct).ConfigureAwait(false);
            newCount += stored.IsNew ? 1 : 0;
            var process = stored.IsNew
                ? _processes.GetOrAdd(stored.Key, new CachedProcess(
                    new DeployedProcess(stored.Key, model.BpmnProcessId, model.Name, stored.Version, model.VersionTag, candidate.ResourceName, deploymentKey, tenant, now, model),
                    DefinitionRows.DefinitionPartitionKey(DefinitionKind.Process, tenant, model.BpmnProcessId))).Process
                : await GetProcessAsync(stored.Key, ct).ConfigureAwait(false) ?? throw MissingLatest(DefinitionKind.Process, tenant, model.BpmnProcessId, stored);
            processes.Add(process);
        }

        await WriteMembersAsync(deploymentKey, DefinitionKind.Process, processes.Select(p => (p.BpmnProcessId, p.ProcessDefinitionKey, p.Version)), ct).ConfigureAwait(false);
        Logs.Deployed(_logger, deploymentKey, tenant, newCount, forms.Count + processes.Count - newCount);
        return new DeploymentResult(deploymentKey, tenant, processes, forms, []);
    }

    /// <summary>The process with this definition key, or null. Cached: the same instance is returned every time.</summary>
    public async Task<DeployedProcess?> GetProcessAsync(long processDefinitionKey, CancellationToken ct) =>
        (await GetCachedProcessAsync(processDefinitionKey, ct).ConfigureAwait(false))?.Process;

    /// <summary>The latest version of a process in a tenant, or null when none is deployed.</summary>
    public async Task<DeployedProcess?> GetLatestProcessAsync(string bpmnProcessId, string tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bpmnProcessId);
        var partition = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Process, Tenant(tenantId), bpmnProcessId);
        var latest = await ReadRowAsync(partition, DefinitionRows.LatestRowKey, ct).ConfigureAwait(false);
        return latest is null ? null : (await LoadProcessAsync(partition, Version(latest), DefinitionKey(latest), ct).ConfigureAwait(false))?.Process;
    }

    /// <summary>One version of a process in a tenant, or null.</summary>
    public async Task<DeployedProcess?> GetProcessVersionAsync(string bpmnProcessId, int version, string tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bpmnProcessId);
        if (version < 1)
        {
            return null;
        }

        var partition = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Process, Tenant(tenantId), bpmnProcessId);
        return (await LoadProcessAsync(partition, version, expectedKey: null, ct).ConfigureAwait(false))?.Process;
    }

    /// <summary>The BPMN file a process was deployed from, as deployed (without a byte order mark), or null.</summary>
    public async Task<string?> GetProcessXmlAsync(long processDefinitionKey, CancellationToken ct)
    {
        var cached = await GetCachedProcessAsync(processDefinitionKey, ct).ConfigureAwait(false);
        if (cached is null)
        {
            return null;
        }

        var row = await ReadRowAsync(cached.Partition, DefinitionRows.VersionRowKey(cached.Process.Version), ct).ConfigureAwait(false);
        return row is null ? null : DefinitionContent.Read(row);
    }

    /// <summary>The form with this key, or null. Cached.</summary>
    public async Task<DeployedForm?> GetFormAsync(long formKey, CancellationToken ct)
    {
        if (_forms.TryGet(formKey, out var cached))
        {
            return cached.Form;
        }

        var location = await ReadKeyAsync(formKey, DefinitionKind.Form, ct).ConfigureAwait(false);
        return location is null ? null : (await LoadFormAsync(location.Value.Partition, location.Value.Version, formKey, ct).ConfigureAwait(false))?.Form;
    }

    /// <summary>The latest version of a form in a tenant, or null when none is deployed.</summary>
    public async Task<DeployedForm?> GetLatestFormAsync(string formId, string tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(formId);
        var partition = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Form, Tenant(tenantId), formId);
        var latest = await ReadRowAsync(partition, DefinitionRows.LatestRowKey, ct).ConfigureAwait(false);
        return latest is null ? null : (await LoadFormAsync(partition, Version(latest), DefinitionKey(latest), ct).ConfigureAwait(false))?.Form;
    }

    /// <summary>One version of a form in a tenant, or null.</summary>
    public async Task<DeployedForm?> GetFormVersionAsync(string formId, int version, string tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(formId);
        if (version < 1)
        {
            return null;
        }

        var partition = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Form, Tenant(tenantId), formId);
        return (await LoadFormAsync(partition, version, expectedKey: null, ct).ConfigureAwait(false))?.Form;
    }

    /// <summary>
    /// The form a user task shows, or null when it has none the engine can show:
    /// <list type="bullet">
    /// <item>an embedded form (<c>camunda-forms:bpmn:{id}</c>) is taken from the task's process; its
    /// <see cref="DeployedForm.FormKey"/> is <see cref="EmbeddedFormKey"/> of the process definition key and form id,
    /// and its version, deployment and resource are the process's (it is not stored apart, so
    /// <see cref="GetFormAsync"/> does not know it);</item>
    /// <item>a linked form bound <c>latest</c> is the form id's latest version in the task's tenant; bound
    /// <c>deployment</c>, the version deployed together with the task's process; bound <c>versionTag</c>, the latest
    /// version carrying that tag;</item>
    /// <item>a custom form key or an external reference is for another UI: null.</item>
    /// </list>
    /// </summary>
    public async Task<DeployedForm?> ResolveFormAsync(UserTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.FormKey is not null)
        {
            return task.FormKey.StartsWith(EmbeddedFormReference.KeyPrefix, StringComparison.Ordinal)
                ? await ResolveEmbeddedFormAsync(task, task.FormKey[EmbeddedFormReference.KeyPrefix.Length..], ct).ConfigureAwait(false)
                : null;
        }

        if (string.IsNullOrEmpty(task.FormId))
        {
            return null;
        }

        return (task.FormBindingType ?? FormBindingType.Latest) switch
        {
            FormBindingType.Latest => await GetLatestFormAsync(task.FormId, task.TenantId, ct).ConfigureAwait(false),
            FormBindingType.Deployment => await ResolveDeploymentFormAsync(task, task.FormId, ct).ConfigureAwait(false),
            FormBindingType.VersionTag => task.FormVersionTag is null
                ? null
                : await ResolveTaggedFormAsync(task.FormId, task.FormVersionTag, task.TenantId, ct).ConfigureAwait(false),
            _ => null,
        };
    }

    /// <summary>
    /// Every version of every process of a tenant, grouped by process id (in id order) with the latest version first.
    /// </summary>
    public async IAsyncEnumerable<DeployedProcess> ListProcessesAsync(string tenantId, [EnumeratorCancellation] CancellationToken ct)
    {
        var (from, to) = DefinitionRows.TenantRange(DefinitionKind.Process, Tenant(tenantId));
        var filter = TableFilter.PartitionKey.Ge(from) & TableFilter.PartitionKey.Lt(to)
            & TableFilter.RowKey.Ge(DefinitionRows.VersionRowPrefix) & TableFilter.RowKey.Lt("w");
        var keys = new List<long>();
        string? partition = null;
        await foreach (var row in Table.QueryAsync(filter, select: [TableEntity.PartitionKeyName, DefinitionRows.DefinitionKey], cancellationToken: ct).ConfigureAwait(false))
        {
            if (row.PartitionKey != partition && keys.Count > 0)
            {
                await foreach (var process in LoadAllAsync(keys, ct).ConfigureAwait(false))
                {
                    yield return process;
                }
            }

            partition = row.PartitionKey;
            keys.Add(DefinitionKey(row));
        }

        await foreach (var process in LoadAllAsync(keys, ct).ConfigureAwait(false))
        {
            yield return process;
        }
    }

    /// <summary>
    /// The stable key of a form embedded in a process: the first 63 bits of SHA-256 over
    /// <c>"{processDefinitionKey}|{formId}"</c> (never 0). The same process version and form id always give the same key.
    /// </summary>
    public static long EmbeddedFormKey(long processDefinitionKey, string formId)
    {
        ArgumentNullException.ThrowIfNull(formId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{processDefinitionKey}|{formId}")));
        var key = (long)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) & long.MaxValue);
        return key == 0 ? 1 : key;
    }

    private async IAsyncEnumerable<DeployedProcess> LoadAllAsync(List<long> keys, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            if (await GetProcessAsync(keys[i], ct).ConfigureAwait(false) is { } process)
            {
                yield return process;
            }
        }

        keys.Clear();
    }

    private async Task<DeployedForm?> ResolveEmbeddedFormAsync(UserTask task, string formId, CancellationToken ct)
    {
        var process = await GetProcessAsync(task.ProcessDefinitionKey, ct).ConfigureAwait(false);
        if (process is null || !process.Model.EmbeddedForms.TryGetValue(formId, out var embedded))
        {
            return null;
        }

        var parsed = CamundaForm.Parse(embedded.Schema);
        return parsed.Form is null
            ? null
            : new DeployedForm(EmbeddedFormKey(process.ProcessDefinitionKey, formId), formId, process.Version, null, process.ResourceName,
                process.DeploymentKey, process.TenantId, embedded.Schema, parsed.Form);
    }

    private async Task<DeployedForm?> ResolveDeploymentFormAsync(UserTask task, string formId, CancellationToken ct)
    {
        var process = await GetProcessAsync(task.ProcessDefinitionKey, ct).ConfigureAwait(false);
        if (process is null)
        {
            return null;
        }

        var member = await ReadRowAsync(
            DefinitionRows.DeploymentPartitionKey(process.DeploymentKey), DefinitionRows.DeploymentMemberRowKey(DefinitionKind.Form, formId), ct).ConfigureAwait(false);
        return member is null ? null : await GetFormAsync(DefinitionKey(member), ct).ConfigureAwait(false);
    }

    private async Task<DeployedForm?> ResolveTaggedFormAsync(string formId, string versionTag, string tenantId, CancellationToken ct)
    {
        var partition = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Form, Tenant(tenantId), formId);
        var filter = TableFilter.PartitionKey.Eq(partition) & TableFilter.RowKey.Ge(DefinitionRows.VersionRowPrefix)
            & TableFilter.RowKey.Lt("w") & TableFilter.Property(DefinitionRows.VersionTag).Eq(versionTag);
        TableEntity? newest = null;
        await foreach (var row in Table.QueryAsync(filter, select: [DefinitionRows.DefinitionKey, DefinitionRows.Version], cancellationToken: ct).ConfigureAwait(false))
        {
            newest = row;
        }

        return newest is null ? null : (await LoadFormAsync(partition, Version(newest), DefinitionKey(newest), ct).ConfigureAwait(false))?.Form;
    }

    private async Task<CachedProcess?> GetCachedProcessAsync(long key, CancellationToken ct)
    {
        if (_processes.TryGet(key, out var cached))
        {
            return cached;
        }

        var location = await ReadKeyAsync(key, DefinitionKind.Process, ct).ConfigureAwait(false);
        return location is null ? null : await LoadProcessAsync(location.Value.Partition, location.Value.Version, key, ct).ConfigureAwait(false);
    }

    private async Task<CachedProcess?> LoadProcessAsync(string partition, int version, long? expectedKey, CancellationToken ct)
    {
        if (expectedKey is { } known && _processes.TryGet(known, out var cached))
        {
            return cached;
        }

        var row = await ReadRowAsync(partition, DefinitionRows.VersionRowKey(version), ct).ConfigureAwait(false);
        if (row is null || (expectedKey is { } expected && DefinitionKey(row) != expected))
        {
            return null;
        }

        var key = DefinitionKey(row);
        if (_processes.TryGet(key, out cached))
        {
            return cached;
        }

        var id = row.GetString(DefinitionRows.Id)!;
        var parsed = BpmnParser.Parse(DefinitionContent.Read(row));
        var model = parsed.Processes.FirstOrDefault(p => p.BpmnProcessId == id) ?? throw new InvalidOperationException(
            $"The stored BPMN of process '{id}' version {version} ({partition}) no longer yields that process: {string.Join("; ", parsed.Problems)}");
        var process = new DeployedProcess(key, id, row.GetString(DefinitionRows.Name), version, row.GetString(DefinitionRows.VersionTag),
            row.GetString(DefinitionRows.ResourceName)!, row.GetInt64(DefinitionRows.DeploymentKey)!.Value, row.GetString(DefinitionRows.TenantId)!,
            row.GetDateTimeOffset(DefinitionRows.DeployedAt)!.Value, model);
        return _processes.GetOrAdd(key, new CachedProcess(process, partition));
    }

    private async Task<CachedForm?> LoadFormAsync(string partition, int version, long? expectedKey, CancellationToken ct)
    {
        if (expectedKey is { } known && _forms.TryGet(known, out var cached))
        {
            return cached;
        }

        var row = await ReadRowAsync(partition, DefinitionRows.VersionRowKey(version), ct).ConfigureAwait(false);
        if (row is null || (expectedKey is { } expected && DefinitionKey(row) != expected))
        {
            return null;
        }

        var key = DefinitionKey(row);
        if (_forms.TryGet(key, out cached))
        {
            return cached;
        }

        var schema = DefinitionContent.Read(row);
        var parsed = CamundaForm.Parse(schema);
        var formId = row.GetString(DefinitionRows.Id)!;
        var form = new DeployedForm(key, formId, version, row.GetString(DefinitionRows.VersionTag), row.GetString(DefinitionRows.ResourceName)!,
            row.GetInt64(DefinitionRows.DeploymentKey)!.Value, row.GetString(DefinitionRows.TenantId)!, schema,
            parsed.Form ?? throw new InvalidOperationException($"The stored form '{formId}' version {version} ({partition}) no longer parses: {parsed.Error}"));
        return _forms.GetOrAdd(key, new CachedForm(form, partition));
    }

    private async Task<(string Partition, int Version)?> ReadKeyAsync(long key, DefinitionKind kind, CancellationToken ct)
    {
        if (key <= 0)
        {
            return null;
        }

        var row = await ReadRowAsync(DefinitionRows.KeyPartitionKey(key), DefinitionRows.KeyRowKey, ct).ConfigureAwait(false);
        return row is null || DefinitionRows.ParseKind(row.GetString(DefinitionRows.Kind)) != kind
            ? null
            : (row.GetString(DefinitionRows.DefinitionPartition)!, Version(row));
    }

    /// <summary>
    /// Makes <paramref name="pending"/> the latest version of its id, or finds that the latest version is the same
    /// resource already. The version row and the pointer move in one transaction guarded by the pointer's ETag.
    /// </summary>
    private async Task<StoredDefinition> StoreAsync(PendingDefinition pending, string tenant, long deploymentKey, DateTimeOffset now, CancellationToken ct)
    {
        var partition = DefinitionRows.DefinitionPartitionKey(pending.Kind, tenant, pending.Id);
        long? key = null;
        var keyRowVersion = 0;
        for (var attempt = 1; ; attempt++)
        {
            var latest = await ReadRowAsync(partition, DefinitionRows.LatestRowKey, ct).ConfigureAwait(false);
            if (latest is not null && (DefinitionKey(latest) == key || IsSameResource(latest, pending)))
            {
                // Either this resource is unchanged, or our own commit landed and only its answer was lost.
                return new StoredDefinition(DefinitionKey(latest), Version(latest), IsNew: DefinitionKey(latest) == key);
            }

            key ??= _keys.NextKey();
            var version = (latest is null ? 0 : Version(latest)) + 1;
            if (keyRowVersion != version)
            {
                await Table.UpsertEntityAsync(new TableEntity(DefinitionRows.KeyPartitionKey(key.Value), DefinitionRows.KeyRowKey)
                {
                    [DefinitionRows.Kind] = DefinitionRows.KindName(pending.Kind),
                    [DefinitionRows.DefinitionPartition] = partition,
                    [DefinitionRows.Version] = version,
                }, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                keyRowVersion = version;
            }

            var row = new TableEntity(partition, DefinitionRows.VersionRowKey(version))
            {
                [DefinitionRows.Kind] = DefinitionRows.KindName(pending.Kind),
                [DefinitionRows.Id] = pending.Id,
                [DefinitionRows.TenantId] = tenant,
                [DefinitionRows.Version] = version,
                [DefinitionRows.DefinitionKey] = key.Value,
                [DefinitionRows.DeploymentKey] = deploymentKey,
                [DefinitionRows.ResourceName] = pending.ResourceName,
                [DefinitionRows.Name] = pending.Name,
                [DefinitionRows.VersionTag] = pending.VersionTag,
                [DefinitionRows.Checksum] = pending.Checksum,
                [DefinitionRows.DeployedAt] = now,
            };
            DefinitionContent.Write(row, pending.Compressed);
            var pointer = new TableEntity(partition, DefinitionRows.LatestRowKey)
            {
                [DefinitionRows.Version] = version,
                [DefinitionRows.DefinitionKey] = key.Value,
                [DefinitionRows.Checksum] = pending.Checksum,
                [DefinitionRows.ResourceName] = pending.ResourceName,
                [DefinitionRows.DeploymentKey] = deploymentKey,
            };

            try
            {
                await Table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpsertReplace, row),
                    latest is null
                        ? new(TableTransactionActionType.Add, pointer)
                        : new(TableTransactionActionType.UpdateReplace, pointer, latest.ETag),
                ], ct).ConfigureAwait(false);
                return new StoredDefinition(key.Value, version, IsNew: true);
            }
            catch (TableTransactionFailedException e) when (e.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.AlreadyExists or TableErrorKind.Conflict
                && attempt < MaxCommitAttempts)
            {
                // A retried request whose first answer was lost fails like this too, and later deployments may have
                // moved the pointer on since: our version row tells.
                var written = await ReadRowAsync(partition, row.RowKey!, ct).ConfigureAwait(false);
                if (written is not null && DefinitionKey(written) == key)
                {
                    return new StoredDefinition(key.Value, version, IsNew: true);
                }

                // Another deployment of this id moved the pointer first: re-read and take the next version.
                Logs.VersionConflict(_logger, DefinitionRows.KindName(pending.Kind), pending.Id, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteMembersAsync(long deploymentKey, DefinitionKind kind, IEnumerable<(string Id, long Key, int Version)> members, CancellationToken ct)
    {
        var partition = DefinitionRows.DeploymentPartitionKey(deploymentKey);
        foreach (var chunk in members.Chunk(100))
        {
            await Table.SubmitTransactionAsync(chunk.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, DefinitionRows.DeploymentMemberRowKey(kind, m.Id))
                {
                    [DefinitionRows.Kind] = DefinitionRows.KindName(kind),
                    [DefinitionRows.Id] = m.Id,
                    [DefinitionRows.DefinitionKey] = m.Key,
                    [DefinitionRows.Version] = m.Version,
                })), ct).ConfigureAwait(false);
        }
    }

    private async Task<TableEntity?> ReadRowAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync(partitionKey, rowKey, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static string Describe(DeploymentProblem problem) =>
        problem.ElementId is null ? $"{problem.ResourceName}: {problem.Reason}" : $"{problem.ResourceName} {problem.ElementId}: {problem.Reason}";

    private static bool IsSameResource(TableEntity latest, PendingDefinition pending) =>
        latest.GetString(DefinitionRows.Checksum) == pending.Checksum && latest.GetString(DefinitionRows.ResourceName) == pending.ResourceName;

    private static InvalidOperationException MissingLatest(DefinitionKind kind, string tenant, string id, StoredDefinition stored) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The latest {DefinitionRows.KindName(kind)} '{id}' of tenant '{tenant}' points at version {stored.Version} (key {stored.Key}), which cannot be read."));

    private static string Tenant(string tenantId) => string.IsNullOrWhiteSpace(tenantId) ? UserTask.DefaultTenantId : tenantId;

    private static long DefinitionKey(TableEntity row) => row.GetInt64(DefinitionRows.DefinitionKey) ?? 0;

    private static int Version(TableEntity row) => row.GetInt32(DefinitionRows.Version) ?? 0;

    private sealed record PendingDefinition(DefinitionKind Kind, string Id, string ResourceName, string Checksum, byte[] Compressed, string? Name, string? VersionTag);

    private sealed record StoredDefinition(long Key, int Version, bool IsNew);

    private sealed record CachedProcess(DeployedProcess Process, string Partition);

    private sealed record CachedForm(DeployedForm Form, string Partition);
}
