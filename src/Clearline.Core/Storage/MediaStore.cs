using System.Buffers.Binary;
using System.Security.Cryptography;
using Clearline.Database;
using Microsoft.EntityFrameworkCore;
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
public sealed class MediaStore(ClearlineDbContext db, IBlobBackend backend, BlobSealer sealer, KeyRing keys, TimeProvider time, ILogger<MediaStore> logger)
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
    public Task<StoredBlob> PublishAsync(SealedBlob blob, CancellationToken ct) =>
        PublishAsync(blob.Pending, blob.Sha256, blob.Length, blob.KeyId, blob.WrappedKey, ct);

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
        && await db.Set<MediaBlob>().AnyAsync(b => b.Sha256 == sha256, ct)
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

    /// <summary>Publishes the object and its row under one lock per address, so concurrent puts of the same content cannot mix keys.</summary>
    private async Task<StoredBlob> PublishAsync(PendingBlob pending, string sha256, long length, string keyId, byte[] wrapped, CancellationToken ct)
    {
        // SQLite: BeginTransaction is BEGIN IMMEDIATE, a database-wide write lock. PostgreSQL: a per-address advisory lock.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (db is PostgresClearlineDbContext)
        {
            var lockId = BinaryPrimitives.ReadInt32BigEndian(Convert.FromHexString(sha256.AsSpan(0, 8)));
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockClass}, {lockId})", ct);
        }

        var row = await db.Set<MediaBlob>().FirstOrDefaultAsync(b => b.Sha256 == sha256, ct);
        try
        {
            if (row is not null && await backend.ExistsAsync(sha256, ct))
            {
                return new StoredBlob(sha256, row.PlainLength, Created: false);
            }

            await pending.CommitAsync(sha256, ct);
            if (row is null)
            {
                row = new MediaBlob { Sha256 = sha256, PlainLength = length, KeyId = keyId, WrappedKey = wrapped, CreatedAt = time.GetUtcNow() };
                db.Add(row);
            }
            else
            {
                logger.LogWarning("A media blob's stored object was missing and has been written again");
                row.KeyId = keyId;
                row.WrappedKey = wrapped;
            }

            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return new StoredBlob(sha256, length, Created: true);
        }
        finally
        {
            if (row is not null)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}
