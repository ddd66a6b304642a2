using Clearline.Classification;
using Clearline.Database;
using Microsoft.EntityFrameworkCore;

namespace Clearline.HashLists;

/// <summary>
/// The only writer of <see cref="KnownHash"/> rows and tombstones. Writers take one database-wide lock
/// (PostgreSQL: a transaction-scoped advisory lock; SQLite: its single write lock), so ids become visible in
/// commit order and every process's index catches up by reading the ids above the last one it saw.
/// </summary>
public sealed class HashListStore(ClearlineDbContext db, TimeProvider time)
{
    /// <summary>The single-bigint advisory key ("ClHashL\0"); see <c>AuditTrail.AdvisoryLockKey</c>.</summary>
    private const long AdvisoryLockKey = 0x436C_4861_7368_4C00;

    /// <summary>Adds entries in the caller's transaction, which must be open. They match once it commits.</summary>
    public async Task AddAsync(IReadOnlyList<KnownHash> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await LockAsync(ct);
        db.AddRange(entries);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Tombstones an entry in the caller's transaction, which must be open: it stops matching at the next lookup on
    /// every process and stays for the audit. Automatic classifications that rested on it are withdrawn, so their
    /// items return to the analysts' queues. False if it does not exist or already is.
    /// </summary>
    public async Task<bool> TombstoneAsync(long knownHashId, string reason, Guid? userId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await LockAsync(ct);
        var entry = await db.Set<KnownHash>().FirstOrDefaultAsync(h => h.Id == knownHashId, ct);
        if (entry is null || entry.TombstonedAt is not null)
        {
            return false;
        }

        entry.TombstonedAt = time.GetUtcNow();
        entry.TombstoneReason = reason.Length > 500 ? reason[..500] : reason;
        entry.TombstonedBy = userId;
        db.Add(new KnownHashRemoval { KnownHashId = knownHashId });
        var resting = await db.Set<MediaClassification>()
            .Where(c => c.KnownHashId == knownHashId && c.Source == ClassificationSource.KnownMaterial && c.SupersededAt == null)
            .ToListAsync(ct);
        foreach (var classification in resting)
        {
            classification.SupersededAt = entry.TombstonedAt;
            classification.WithdrawnReason = $"Entry {knownHashId} of its list was tombstoned.";
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task LockAsync(CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Hash-list changes must run in a transaction: the lock that orders them is held until it commits.");
        }

        if (db is PostgresClearlineDbContext)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }
    }
}
