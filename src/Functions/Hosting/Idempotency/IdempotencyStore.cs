using System.Text;
using Azure;
using TaskFunctions.Storage;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Hosting.Idempotency;

/// <summary>
/// The rows of <c>{hub}Idempotency</c>: one per (caller, method, path, key). A request first inserts a pending claim
/// (insert-if-absent, so exactly one of several concurrent duplicates wins), then replaces it with the response it
/// answered with. Rows are never deleted in the background: an expired row is taken over by the next request.
/// </summary>
public sealed class IdempotencyStore(TaskHub hub, TimeProvider time)
{
    /// <summary>
    /// How long a pending claim blocks duplicates. After it, the first request is taken to have died between running
    /// and storing its outcome, and a retry runs the command again.
    /// </summary>
    public static readonly TimeSpan PendingLease = TimeSpan.FromMinutes(2);

    /// <summary>The largest response body stored for replay; a larger one is answered but not stored.</summary>
    public const int MaxStoredBodyBytes = 256 * 1024;

    private const string RowKey = "request";

    /// <summary>Claims the key for a request whose body hashes to <paramref name="requestHash"/>.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(
        string partitionKey, string requestHash, string method, string path, TimeSpan retention, CancellationToken cancellationToken)
    {
        // Few rounds suffice: each lost race means another request now owns the key.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var claim = new TableEntity(partitionKey, RowKey)
            {
                ["State"] = "Pending",
                ["RequestHash"] = requestHash,
                ["Method"] = method,
                ["Path"] = path,
                ["ClaimedAt"] = now,
                ["ExpiresAt"] = now + retention,
            };
            try
            {
                var added = await hub.Idempotency.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
                return IdempotencyClaim.Claimed(added.Value);
            }
            catch (TableRequestFailedException e) when (e.Kind == TableErrorKind.AlreadyExists)
            {
                // Someone used the key before: decide from their row below.
            }

            var existing = await hub.Idempotency.GetEntityIfExistsAsync(partitionKey, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                continue;
            }

            var row = existing.Value!;
            var pending = row.GetString("State") != "Completed";
            var expired = row.GetDateTimeOffset("ExpiresAt") is not { } expires || expires <= now;
            var abandoned = pending && (row.GetDateTimeOffset("ClaimedAt") is not { } claimedAt || claimedAt + PendingLease <= now);
            if (expired || abandoned)
            {
                try
                {
                    var replaced = await hub.Idempotency.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return IdempotencyClaim.Claimed(replaced.Value);
                }
                catch (TableRequestFailedException e) when (e.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
                {
                    continue;
                }
            }

            if (!string.Equals(row.GetString("RequestHash"), requestHash, StringComparison.Ordinal))
            {
                return IdempotencyClaim.Mismatch;
            }

            return pending ? IdempotencyClaim.InProgress : IdempotencyClaim.Replay(ReadResponse(row));
        }

        return IdempotencyClaim.InProgress;
    }

    /// <summary>Replaces the claim with the response, so duplicates get it; false when the body is too large to keep.</summary>
    public async Task<bool> CompleteAsync(
        string partitionKey, ETag claim, string requestHash, StoredResponse response, TimeSpan retention, CancellationToken cancellationToken)
    {
        if (response.Body.Length > MaxStoredBodyBytes)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var row = new TableEntity(partitionKey, RowKey)
        {
            ["State"] = "Completed",
            ["RequestHash"] = requestHash,
            ["CompletedAt"] = now,
            ["ExpiresAt"] = now + retention,
            ["Status"] = response.Status,
            ["ContentType"] = response.ContentType,
            ["Location"] = response.Location,
        };
        var text = TryUtf8(response.Body);
        row["BodyIsBase64"] = text is null;
        LargeStringProperty.Write(row, "Body", text ?? Convert.ToBase64String(response.Body));
        await hub.Idempotency.UpdateEntityAsync(row, claim, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gives the key up, so a retry runs the command again (its outcome was not one to replay).</summary>
    public async Task ReleaseAsync(string partitionKey, ETag claim, CancellationToken cancellationToken) =>
        await hub.Idempotency.DeleteEntityAsync(partitionKey, RowKey, claim, cancellationToken).ConfigureAwait(false);

    private static StoredResponse ReadResponse(TableEntity row)
    {
        var body = LargeStringProperty.Read(row, "Body") ?? string.Empty;
        return new StoredResponse(
            row.GetInt32("Status") ?? StatusCodes.Status200OK,
            row.GetString("ContentType"),
            row.GetString("Location"),
            row.GetBoolean("BodyIsBase64") == true ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
    }

    private static string? TryUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

/// <summary>A response as stored for replay.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>What claiming an idempotency key found.</summary>
public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, ETag ETag, StoredResponse? Response)
{
    public static IdempotencyClaim InProgress { get; } = new(IdempotencyClaimKind.InProgress, default, null);

    public static IdempotencyClaim Mismatch { get; } = new(IdempotencyClaimKind.Mismatch, default, null);

    public static IdempotencyClaim Claimed(ETag etag) => new(IdempotencyClaimKind.Claimed, etag, null);

    public static IdempotencyClaim Replay(StoredResponse response) => new(IdempotencyClaimKind.Replay, default, response);
}

/// <summary>The outcomes of <see cref="IdempotencyStore.ClaimAsync"/>.</summary>
public enum IdempotencyClaimKind
{
    /// <summary>This request owns the key: run it.</summary>
    Claimed,

    /// <summary>An earlier request with the key completed: answer with its response.</summary>
    Replay,

    /// <summary>An earlier request with the key is still running.</summary>
    InProgress,

    /// <summary>The key was used with a different request body.</summary>
    Mismatch,
}
