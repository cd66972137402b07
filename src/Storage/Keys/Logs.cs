using Microsoft.Extensions.Logging;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Keys;

/// <summary>Log messages of key allocation and key lookups (EventIds 6100–6199).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Leased key slot {Slot} as {Owner}")]
    public static partial void KeySlotAcquired(ILogger logger, int slot, string owner);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Lost the lease of key slot {Slot}; this host stops issuing keys from it")]
    public static partial void KeySlotLost(ILogger logger, int slot);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Could not renew key slot {Slot} ({Kind}); the lease stays valid until it expires")]
    public static partial void KeySlotRenewalFailed(ILogger logger, int slot, TableErrorKind kind);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Released key slot {Slot}")]
    public static partial void KeySlotReleased(ILogger logger, int slot);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Could not release key slot {Slot} ({Kind}); it frees itself when the lease expires")]
    public static partial void KeySlotReleaseFailed(ILogger logger, int slot, TableErrorKind kind);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Key slot lease renewal failed")]
    public static partial void KeyLeaseLoopFailed(ILogger logger, Exception exception);
}
