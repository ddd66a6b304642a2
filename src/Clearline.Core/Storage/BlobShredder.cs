using Microsoft.Extensions.Logging;

namespace Clearline.Storage;

/// <summary>
/// Deletes blobs for good (crypto-shredding): the wrapped data key in the blob's row is destroyed, the row is marked
/// shredded with the time and the reason, and the ciphertext file is deleted. Reading such a blob afterwards answers
/// <see cref="BlobReadResult.Shredded"/>, never bytes and never a crash.
/// </summary>
/// <remarks>
/// The data key exists only wrapped in the row, so once the row holds no key, the ciphertext cannot be decrypted
/// even where a copy of the file survives (a file backup, a disk block not yet reused). A database backup taken
/// before still holds the wrapped key: rotating the key-encryption key and retiring the old one ends those too
/// (docs/retention.md). Only the row and the file go; whatever other features keep about the content (hashes,
/// decisions) stays with them, so the network still recognises the material.
/// </remarks>
public sealed class BlobShredder(ClearlineDbContext db, UnitOfWork work, IBlobBackend backend, TimeProvider time, ILogger<BlobShredder> logger)
{
    /// <summary>
    /// Destroys the data keys of the readable blobs among <paramref name="addresses"/> and marks them shredded for
    /// <paramref name="reason"/>, in the caller's unit of work (or its own); returns the addresses shredded now.
    /// Call <see cref="DeleteFilesAsync"/> with them once the caller has committed.
    /// </summary>
    /// <remarks>
    /// Files go only after the commit: a file deleted before a rolled-back key change would leave a readable row with
    /// no content, while a key destroyed before its file is deleted leaves only unreadable ciphertext.
    /// </remarks>
    public async Task<IReadOnlyList<string>> DestroyKeysAsync(IReadOnlyCollection<string> addresses, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, MediaBlob.ShreddedReasonMaxLength, nameof(reason));
        var valid = addresses.Where(BlobAddress.IsValid).Distinct(StringComparer.Ordinal).ToList();
        if (valid.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        var rows = await db.Set<MediaBlob>().Where(b => valid.Contains(b.Sha256) && b.ShreddedAt == null).ToListAsync(ct);
        try
        {
            foreach (var row in rows)
            {
                // The tracked copy of the old wrapped key is cleared too, not left for the collector.
                Array.Clear(row.WrappedKey);
                row.WrappedKey = [];
                row.ShreddedAt = now;
                row.ShreddedReason = reason;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return [.. rows.Select(r => r.Sha256).Order(StringComparer.Ordinal)];
        }
        finally
        {
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Deletes the files of shredded blobs that are still there (a crash between the key and the file).</summary>
    public async Task<int> DeleteLeftoverFilesAsync(CancellationToken ct)
    {
        var addresses = await db.Set<MediaBlob>().AsNoTracking().Where(b => b.ShreddedAt != null).Select(b => b.Sha256).ToListAsync(ct);
        var left = new List<string>();
        foreach (var address in addresses)
        {
            if (await backend.ExistsAsync(address, ct))
            {
                left.Add(address);
            }
        }

        await DeleteFilesAsync(left, ct);
        return left.Count;
    }

    /// <summary>Deletes the ciphertext files of blobs whose keys were destroyed; a file that cannot be deleted now is left for the next run.</summary>
    public async Task DeleteFilesAsync(IReadOnlyCollection<string> addresses, CancellationToken ct)
    {
        foreach (var address in addresses)
        {
            try
            {
                await backend.DeleteAsync(address, ct);
            }
            catch (IOException ex)
            {
                // The key is gone already, so the file is unreadable ciphertext; the next run deletes it.
                logger.LogWarning(ex, "The file of a shredded media blob could not be deleted; the next retention run tries again");
            }
        }
    }
}
