using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Clearline.Storage;

/// <summary>
/// What a rotation did: the key now active, whether it was generated, how many data keys moved to it, and how
/// many rows were left as they were because their key is not configured or their wrapped key does not open.
/// </summary>
public sealed record KeyRotationResult(string ActiveKeyId, bool KeyGenerated, int Rewrapped, int Unreadable);

/// <summary>
/// <c>clearline keys rotate</c>: makes a key active and re-wraps every data key that is not under it. Blobs
/// themselves are never re-encrypted, so rotation costs one small row update per blob.
/// </summary>
/// <remarks>
/// File mode generates a new key file first. Configured mode re-wraps to <c>Storage:KeyEncryptionKey</c>, which
/// the operator has already changed (keeping the old one in <c>Storage:PreviousKeyEncryptionKeys</c>).
/// Rotation is idempotent: running it again moves only rows written under an older key in the meantime.
/// Old keys are never deleted here: backups of the database still hold data keys wrapped under them.
/// </remarks>
public sealed class KeyRotation(ClearlineDbContext db, KeyRing keys, AuditTrail audit, ILogger<KeyRotation> logger)
{
    private const int BatchSize = 500;

    public async Task<KeyRotationResult> RotateAsync(CancellationToken ct)
    {
        var generated = !keys.IsConfigured;
        var active = generated ? keys.ActivateNewKey() : keys.Active;
        var rewrapped = 0;
        var unreadable = 0;
        string? after = null;
        var dataKey = new byte[StorageOptions.KeySize];
        try
        {
            while (true)
            {
                var query = db.Set<MediaBlob>().Where(b => b.KeyId != active.Id && b.ShreddedAt == null);
                if (after is not null)
                {
                    query = query.Where(b => string.Compare(b.Sha256, after) > 0);
                }

                var batch = await query.OrderBy(b => b.Sha256).Take(BatchSize).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var blob in batch)
                {
                    var aad = KeyEncryptionKey.BlobAad(blob.Sha256);
                    if (keys.TryGet(blob.KeyId, out var old) && old.TryUnwrap(blob.WrappedKey, aad, dataKey))
                    {
                        blob.WrappedKey = active.Wrap(dataKey, aad);
                        blob.KeyId = active.Id;
                        rewrapped++;
                    }
                    else
                    {
                        unreadable++;
                    }
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                after = batch[^1].Sha256;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        if (unreadable > 0)
        {
            logger.LogError("Key rotation left {Unreadable} media blobs under keys that are not configured or do not open", unreadable);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Key rotation: {KeyId} is active, {Rewrapped} data keys re-wrapped", active.Id, rewrapped);
        }
        await audit.AppendAsync(new AuditEvent(AuditAction.KeysRotated, AuditActor.System, Target: "kek:" + active.Id,
            Detail: string.Create(CultureInfo.InvariantCulture, $"rewrapped={rewrapped} unreadable={unreadable} generated={generated}")), ct);
        return new KeyRotationResult(active.Id, generated, rewrapped, unreadable);
    }
}
