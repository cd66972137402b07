using Microsoft.Extensions.Logging;

namespace TaskFunctions.Storage.Definitions;

/// <summary>The definition store's log events (EventIds 5101–5199).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Deployment {DeploymentKey} for tenant {TenantId}: {NewCount} new definition versions, {UnchangedCount} unchanged")]
    public static partial void Deployed(ILogger logger, long deploymentKey, string tenantId, int newCount, int unchangedCount);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Deployment for tenant {TenantId} refused with {ProblemCount} problems, the first: {FirstProblem}")]
    public static partial void DeploymentRefused(ILogger logger, string tenantId, int problemCount, string firstProblem);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug,
        Message = "Another deployment of {Kind} '{Id}' moved its latest version first (attempt {Attempt}); retrying")]
    public static partial void VersionConflict(ILogger logger, string kind, string id, int attempt);
}
