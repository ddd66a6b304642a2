using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Clearline.Storage;

/// <summary>
/// Encrypted, content-addressed media: every blob is AES-256-GCM under its own data key, and the data key is
/// wrapped by the active key-encryption key (envelope encryption).
/// </summary>
/// <remarks>
/// Plaintext is only ever in memory, a chunk at a time: it never touches disk and never reaches a log (nor do
/// addresses, which are hash values). The data key is bound to the address as associated data and the
/// decrypted content must hash to the address, so neither rows nor files can be swapped between blobs.
/// </remarks>
public sealed class MediaStore(ClearlineDbContext db, UnitOfWork work, IBlobBackend backend, BlobSealer sealer, KeyRing keys, TimeProvider time, ILogger<MediaStore> logger)
{
    // Two-int advisory key space, apart from the audit trail's single bigint key.
    private const int AdvisoryLockClass = 0x434C4D42;

    /// <summary>Encrypts and stores <paramref name="plaintext"/>; storing content that already exists is a no-op.</summary>
    public async Task<StoredBlob> PutAsync(Stream plaintext, CancellationToken ct)
    {
        await using var sealedBlob = await sealer.SealAsync(plaintext, ct);
        return await PublishAsync(sealedBlob, ct);
    }

    /// <summary>
    /// Makes a blob sealed by <see cref="BlobSealer"/> readable under its address (a no-op when the content
    /// exists already). Cheap: the encryption and the write to disk were done when it was sealed.
    /// </summary>
    public async Task<StoredBlob> PublishAsync(SealedBlob blob, CancellationToken ct) => (await PublishAllAsync([blob], ct))[0];

    /// <summary>
    /// Publishes many sealed blobs at once, in the caller's transaction when there is one: what a crawl does with
    /// each batch (one query and one save instead of one per blob).
    /// </summary>
    public Task<IReadOnlyList<StoredBlob>> PublishAsync(IReadOnlyList<SealedBlob> blobs, CancellationToken ct) => PublishAllAsync(blobs, ct);

    /// <summary>Opens a blob for reading; anything but authenticated bytes comes back as a typed result.</summary>
    public async Task<BlobReadResult> OpenReadAsync(string sha256, CancellationToken ct)
    {
        if (!BlobAddress.IsValid(sha256))
        {
            return new BlobReadResult.NotFound();
        }

        var row = await db.Set<MediaBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256, ct);
        if (row is null)
        {
            return new BlobReadResult.NotFound();
        }

        if (row.ShreddedAt is { } shreddedAt)
        {
            return new BlobReadResult.Shredded(shreddedAt, row.ShreddedReason ?? "retention");
        }

        if (!keys.TryGet(row.KeyId, out var kek))
        {
            logger.LogError("A media blob is wrapped under key {KeyId}, which is not configured", row.KeyId);
            return new BlobReadResult.KeyUnavailable(row.KeyId);
        }

        var dataKey = new byte[StorageOptions.KeySize];
        try
        {
            if (!kek.TryUnwrap(row.WrappedKey, KeyEncryptionKey.BlobAad(sha256), dataKey))
            {
                return Tampered("the wrapped data key failed authentication");
            }

            var source = await backend.OpenReadAsync(sha256, ct);
            if (source is null)
            {
                logger.LogError("A media blob has a database row but no stored object");
                return new BlobReadResult.NotFound();
            }

            return await OpenStreamAsync(source, dataKey, row, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct) =>
        BlobAddress.IsValid(sha256)
        && await db.Set<MediaBlob>().AnyAsync(b => b.Sha256 == sha256 && b.ShreddedAt == null, ct)
        && await backend.ExistsAsync(sha256, ct);

    private async Task<BlobReadResult> OpenStreamAsync(Stream source, byte[] dataKey, MediaBlob row, CancellationToken ct)
    {
        var header = new byte[BlobFormat.HeaderSize];
        var read = await source.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (read < header.Length || !BlobFormat.TryReadHeader(header, out var chunkSize))
        {
            await source.DisposeAsync();
            return Tampered("the header is not a Clearline blob header");
        }

        var stream = new BlobReadStream(source, dataKey, header, chunkSize, row.PlainLength, row.Sha256);
        try
        {
            await stream.PrimeAsync(ct);
            return new BlobReadResult.Ok(stream, row.PlainLength);
        }
        catch (BlobTamperedException ex)
        {
            await stream.DisposeAsync();
            return Tampered(ex.Message);
        }
    }

    private BlobReadResult.Tampered Tampered(string reason)
    {
        logger.LogError("A media blob failed authentication: {Reason}", reason);
        return new BlobReadResult.Tampered(reason);
    }

    /// <summary>
    /// Publishes each object and its row under one lock per address, so concurrent puts of the same content cannot
    /// mix keys; one query and one save for the whole set. Content published twice keeps the first copy.
    /// </summary>
    private async Task<IReadOnlyList<StoredBlob>> PublishAllAsync(IReadOnlyList<SealedBlob> blobs, CancellationToken ct)
    {
        // SQLite: BeginTransaction is BEGIN IMMEDIATE, a database-wide write lock. PostgreSQL: per-address advisory
        // locks, taken in address order so two publishers never wait on each other in a cycle.
        await using var transaction = await work.BeginAsync(ct);
        var addresses = blobs.Select(b => b.Sha256).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (db is PostgresClearlineDbContext)
        {
            foreach (var address in addresses)
            {
                var lockId = BinaryPrimitives.ReadInt32BigEndian(Convert.FromHexString(address.AsSpan(0, 8)));
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockClass}, {lockId})", ct);
            }
        }

        var rows = await db.Set<MediaBlob>().Where(b => addresses.Contains(b.Sha256)).ToDictionaryAsync(b => b.Sha256, StringComparer.Ordinal, ct);
        var results = new Dictionary<string, StoredBlob>(StringComparer.Ordinal);
        try
        {
            foreach (var blob in blobs)
            {
                if (results.ContainsKey(blob.Sha256))
                {
                    continue;
                }

                rows.TryGetValue(blob.Sha256, out var row);
                if (row is not null && await backend.ExistsAsync(blob.Sha256, ct))
                {
                    results[blob.Sha256] = new StoredBlob(blob.Sha256, row.PlainLength, Created: false);
                    continue;
                }

                await blob.Pending.CommitAsync(blob.Sha256, ct);
                if (row is null)
                {
                    row = new MediaBlob { Sha256 = blob.Sha256, PlainLength = blob.Length, KeyId = blob.KeyId, WrappedKey = blob.WrappedKey, CreatedAt = time.GetUtcNow() };
                    rows[blob.Sha256] = row;
                    db.Add(row);
                }
                else
                {
                    // Content deleted under retention and found again (a new crawl) is stored again: a new fact.
                    if (row.ShreddedAt is null)
                    {
                        logger.LogWarning("A media blob's stored object was missing and has been written again");
                    }

                    row.KeyId = blob.KeyId;
                    row.WrappedKey = blob.WrappedKey;
                    row.ShreddedAt = null;
                    row.ShreddedReason = null;
                }

                results[blob.Sha256] = new StoredBlob(blob.Sha256, blob.Length, Created: true);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            return [.. blobs.Select(b => results[b.Sha256])];
        }
        finally
        {
            foreach (var row in rows.Values)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}
