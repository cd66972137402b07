using Azure;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Keys;

/// <summary>
/// Issues keys unique across every host of a hub without a storage round trip per key:
/// <c>(milliseconds since 2026-01-01) &lt;&lt; 22 | slot &lt;&lt; 12 | sequence</c>, where the 10-bit slot is leased
/// by this host in <c>{hub}Keys</c> (row <c>keyslot</c>/<c>{slot:D4}</c>, guarded by its ETag, with an expiry).
/// <para>
/// Uniqueness: a holder only issues keys whose millisecond part is at most the expiry it last wrote to its lease
/// row; a host taking over an expired slot starts strictly after that expiry. So clocks of different hosts may
/// disagree without two hosts ever issuing the same key. Per host the keys increase strictly: when the clock goes
/// backwards (or 4,096 keys were issued in one millisecond) the generator keeps counting from the last millisecond
/// it used, borrowing from the future up to its lease expiry; past it, it refuses to issue.
/// </para>
/// </summary>
public sealed partial class SnowflakeKeyGenerator : IKeyGenerator
{
    public const string LeasePartition = "keyslot";
    public const int SlotBits = 10;
    public const int SequenceBits = 12;
    public const int SlotCount = 1 << SlotBits;
    private const int MaxSequence = (1 << SequenceBits) - 1;
    private const int MaxAcquireAttempts = 30;

    /// <summary>Key time starts here, so 41 bits of milliseconds last until about 2095.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _leaseLock = new(1, 1);
    private Lease? _lease;
    private long _lastMillis = -1;
    private int _sequence;

    public SnowflakeKeyGenerator(TaskHub hub, TimeProvider time, TimeSpan? leaseDuration = null, ILogger<SnowflakeKeyGenerator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _table = hub.Keys;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(60);
        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "The key slot lease must last at least one second.");
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Owner = Guid.NewGuid().ToString("N");
    }

    /// <summary>How long a lease lasts without renewal. The renewal service renews every third of it; a command renews when less than half is left.</summary>
    public TimeSpan LeaseDuration { get; }

    /// <summary>This generator's identity in the lease rows.</summary>
    public string Owner { get; }

    /// <summary>The slot this host holds, or null without a valid lease.</summary>
    public int? Slot
    {
        get
        {
            lock (_gate)
            {
                return _lease?.Slot;
            }
        }
    }

    public long NextKey()
    {
        lock (_gate)
        {
            if (_lease is not { } lease)
            {
                throw new KeyGeneratorUnavailableException("This host holds no key slot lease, so it cannot issue keys; storage may be unavailable.");
            }

            var now = Math.Max(MillisSinceEpoch(_time.GetUtcNow()), lease.FloorMillis);
            if (now > _lastMillis)
            {
                _lastMillis = now;
                _sequence = 0;
            }
            else if (_sequence < MaxSequence)
            {
                _sequence++;
            }
            else
            {
                // Sequence exhausted (or the clock went back): borrow the next millisecond.
                _lastMillis++;
                _sequence = 0;
            }

            if (_lastMillis > lease.BoundMillis)
            {
                throw new KeyGeneratorUnavailableException(string.Create(
                    CultureInfo.InvariantCulture, $"The lease of key slot {lease.Slot} expired without renewal, so this host stops issuing keys."));
            }

            return (_lastMillis << (SlotBits + SequenceBits)) | ((long)lease.Slot << SequenceBits) | (long)_sequence;
        }
    }

    /// <summary>Splits a key into its parts (for diagnostics and tests).</summary>
    public static (DateTimeOffset Time, int Slot, int Sequence) Decompose(long key) =>
        (Epoch.AddMilliseconds(key >> (SlotBits + SequenceBits)),
         (int)((key >> SequenceBits) & (SlotCount - 1)),
         (int)(key & MaxSequence));

    /// <summary>
    /// Makes sure a lease is held with at least half its duration left: no I/O when it is; otherwise renews it, or
    /// acquires a slot when it was lost.
    /// </summary>
    /// <exception cref="KeyGeneratorUnavailableException">No slot could be leased.</exception>
    public async Task EnsureLeaseAsync(CancellationToken cancellationToken = default)
    {
        if (HasFreshLease(LeaseDuration / 2))
        {
            return;
        }

        await RenewOrAcquireAsync(force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renews the lease now (or acquires one), as the renewal service does periodically.</summary>
    public Task RenewAsync(CancellationToken cancellationToken = default) => RenewOrAcquireAsync(force: true, cancellationToken);

    /// <summary>Gives the slot up (stops issuing keys first), so another host can take it at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await _leaseLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Lease lease;
            long lastIssued;
            lock (_gate)
            {
                if (_lease is null)
                {
                    return;
                }

                lease = _lease;
                lastIssued = _lastMillis;
                _lease = null;
            }

            // The expiry written covers every key issued, so a successor starts after them.
            var expires = Math.Max(MillisSinceEpoch(_time.GetUtcNow()), lastIssued);
            try
            {
                await _table.UpdateEntityAsync(LeaseRow(lease.Slot, expires), lease.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                Logs.KeySlotReleased(_logger, lease.Slot);
            }
            catch (TableRequestFailedException ex)
            {
                Logs.KeySlotReleaseFailed(_logger, lease.Slot, ex.Kind);
            }
        }
        finally
        {
            _leaseLock.Release();
        }
    }

    private bool HasFreshLease(TimeSpan minimumLeft)
    {
        lock (_gate)
        {
            return _lease is { } lease && lease.BoundMillis - MillisSinceEpoch(_time.GetUtcNow()) > (long)minimumLeft.TotalMilliseconds;
        }
    }

    private async Task RenewOrAcquireAsync(bool force, CancellationToken cancellationToken)
    {
        await _leaseLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!force && HasFreshLease(LeaseDuration / 2))
            {
                return;
            }

            Lease? current;
            lock (_gate)
            {
                current = _lease;
            }

            if (current is not null && await TryRenewAsync(current, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (HasFreshLease(TimeSpan.Zero))
            {
                // Renewal failed for a transient reason; the lease is still valid until its expiry.
                return;
            }

            await AcquireAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _leaseLock.Release();
        }
    }

    private async Task<bool> TryRenewAsync(Lease lease, CancellationToken cancellationToken)
    {
        var expires = MillisSinceEpoch(_time.GetUtcNow() + LeaseDuration);
        try
        {
            var etag = await _table.UpdateEntityAsync(LeaseRow(lease.Slot, expires), lease.ETag, TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            lock (_gate)
            {
                if (ReferenceEquals(_lease, lease))
                {
                    _lease = lease with { ETag = etag.Value, BoundMillis = Math.Max(lease.BoundMillis, expires) };
                }
            }

            return true;
        }
        catch (TableRequestFailedException ex) when (ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
        {
            // Someone else took the slot (or our renewal's answer was lost and the retry saw our own write):
            // either way this host must stop using it.
            lock (_gate)
            {
                if (ReferenceEquals(_lease, lease))
                {
                    _lease = null;
                }
            }

            Logs.KeySlotLost(_logger, lease.Slot);
            return false;
        }
        catch (TableRequestFailedException ex)
        {
            Logs.KeySlotRenewalFailed(_logger, lease.Slot, ex.Kind);
            return false;
        }
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        TableRequestFailedException? lastError = null;
        List<TableEntity>? rows = null;
        for (var attempt = 0; attempt < MaxAcquireAttempts; attempt++)
        {
            try
            {
                if (rows is null || attempt % 5 == 0)
                {
                    rows = [];
                    await foreach (var row in _table.QueryAsync(TableFilter.Property(TableEntity.PartitionKeyName).Eq(LeasePartition), cancellationToken: cancellationToken)
                        .ConfigureAwait(false))
                    {
                        rows.Add(row);
                    }
                }

                var now = _time.GetUtcNow();
                var taken = rows.ToDictionary(r => int.Parse(r.RowKey!, CultureInfo.InvariantCulture));
                var free = Enumerable.Range(0, SlotCount).Where(s => !taken.ContainsKey(s)).ToList();
                var expired = taken.Values.Where(r => r.GetDateTimeOffset("ExpiresAt") < now).ToList();
                if (free.Count == 0 && expired.Count == 0)
                {
                    throw new KeyGeneratorUnavailableException($"All {SlotCount} key slots are leased; no host slot is free.");
                }

                var expires = MillisSinceEpoch(now + LeaseDuration);
                var pick = Random.Shared.Next(free.Count + expired.Count);
                int slot;
                long floor;
                ETag etag;
                if (pick < free.Count)
                {
                    slot = free[pick];
                    floor = 0;
                    etag = (await _table.AddEntityAsync(LeaseRow(slot, expires), cancellationToken).ConfigureAwait(false)).Value;
                }
                else
                {
                    var row = expired[pick - free.Count];
                    slot = int.Parse(row.RowKey!, CultureInfo.InvariantCulture);
                    floor = MillisSinceEpoch(row.GetDateTimeOffset("ExpiresAt")!.Value) + 1;
                    etag = (await _table.UpdateEntityAsync(LeaseRow(slot, expires), row.ETag, TableUpdateMode.Replace, cancellationToken)
                        .ConfigureAwait(false)).Value;
                }

                lock (_gate)
                {
                    _lease = new Lease(slot, etag, floor, expires);
                    // Moving to another slot must not make keys go down: continue after the last millisecond used.
                    _lastMillis = Math.Max(_lastMillis, floor - 1);
                    _sequence = MaxSequence;
                }

                Logs.KeySlotAcquired(_logger, slot, Owner);
                return;
            }
            catch (TableRequestFailedException ex) when (ex.Kind is TableErrorKind.AlreadyExists or TableErrorKind.PreconditionFailed)
            {
                // Another host took that slot first; pick again from a fresh listing.
                lastError = ex;
                rows = null;
            }
            catch (TableRequestFailedException ex)
            {
                throw new KeyGeneratorUnavailableException("Could not lease a key slot: storage is unavailable.", ex);
            }
        }

        throw new KeyGeneratorUnavailableException("Could not lease a key slot: every attempt lost a race with another host.", lastError);
    }

    private TableEntity LeaseRow(int slot, long expiresMillis) =>
        new(LeasePartition, slot.ToString("D4", CultureInfo.InvariantCulture))
        {
            ["Owner"] = Owner,
            ["ExpiresAt"] = Epoch.AddMilliseconds(expiresMillis),
        };

    private static long MillisSinceEpoch(DateTimeOffset time) => (long)(time - Epoch).TotalMilliseconds;

    private sealed record Lease(int Slot, ETag ETag, long FloorMillis, long BoundMillis);
}
