using System.Globalization;
using System.Text;

using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// The keys and property names of the rows in the definitions table (the layout is described on
/// <see cref="DefinitionStore"/>). User-given ids and tenants are escaped so they can neither break a key nor run
/// into the <c>|</c> separator.
/// </summary>
internal static class DefinitionRows
{
    public const string LatestRowKey = "latest";
    public const string KeyRowKey = "key";
    public const string VersionRowPrefix = "v";

    public const string Kind = "Kind";
    public const string Id = "Id";
    public const string TenantId = "TenantId";
    public const string Version = "Version";
    public const string DefinitionKey = "DefinitionKey";
    public const string DeploymentKey = "DeploymentKey";
    public const string ResourceName = "ResourceName";
    public const string Name = "Name";
    public const string VersionTag = "VersionTag";
    public const string Checksum = "Checksum";
    public const string DeployedAt = "DeployedAt";
    public const string Content = "Content";
    public const string DefinitionPartition = "DefinitionPartition";

    public static string KindName(DefinitionKind kind) => kind == DefinitionKind.Process ? "process" : "form";

    public static DefinitionKind? ParseKind(string? name) => name switch
    {
        "process" => DefinitionKind.Process,
        "form" => DefinitionKind.Form,
        _ => null,
    };

    /// <summary><c>process|{tenant}|{id}</c> or <c>form|{tenant}|{id}</c>: every version of one definition, and its latest pointer.</summary>
    public static string DefinitionPartitionKey(DefinitionKind kind, string tenantId, string id) =>
        $"{KindName(kind)}|{Escape(tenantId)}|{Escape(id)}";

    /// <summary>The first partition key of a tenant's definitions of one kind, and the first one after them.</summary>
    public static (string From, string To) TenantRange(DefinitionKind kind, string tenantId) =>
        ($"{KindName(kind)}|{Escape(tenantId)}|", $"{KindName(kind)}|{Escape(tenantId)}}}");

    public static string VersionRowKey(int version) =>
        VersionRowPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary><c>key|{definitionKey}</c>: which definition a process definition key or form key belongs to.</summary>
    public static string KeyPartitionKey(long key) => "key|" + key.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>deployment|{deploymentKey}</c>: what one deployment contained, row per definition.</summary>
    public static string DeploymentPartitionKey(long deploymentKey) =>
        "deployment|" + deploymentKey.ToString(CultureInfo.InvariantCulture);

    public static string DeploymentMemberRowKey(DefinitionKind kind, string id) => $"{KindName(kind)}|{Escape(id)}";

    /// <summary>
    /// Replaces <c>%</c>, the separator <c>|</c>, the characters keys forbid (<c>/ \ # ?</c>) and control characters
    /// with <c>%XX</c>; reversible, and the identity for ordinary ids.
    /// </summary>
    public static string Escape(string value) => TableKeys.EscapeValue(value);
}
