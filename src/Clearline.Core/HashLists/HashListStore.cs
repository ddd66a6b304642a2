using Clearline.Events;
using Clearline.HashLists.Formats;

namespace Clearline.HashLists;

/// <summary>
/// The only writer of <see cref="KnownHash"/> rows and tombstones. Writers take one database-wide lock
/// (PostgreSQL: a transaction-scoped advisory lock; SQLite: its single write lock), so ids become visible in
/// commit order and every process's index catches up by reading the ids above the last one it saw.
/// </summary>
public sealed class HashListStore(ClearlineDbContext db, EventAnnouncer events, TimeProvider time)
{
    /// <summary>The single-bigint advisory key ("ClHashL\0"); see <c>AuditTrail.AdvisoryLockKey</c>.</summary>
    private const long AdvisoryLockKey = 0x436C_4861_7368_4C00;

    /// <summary>
    /// Adds entries in the caller's transaction, which must be open, and sets their ids. They match once it commits.
    /// </summary>
    /// <remarks>
    /// For entries whose ids the caller needs (federated and NCMEC pages record them; the network's own classifications).
    /// Imports go through <see cref="MergeAsync"/> instead. This bypasses the change tracker: ids are taken in one step
    /// while the lock is held (SQLite: above the largest; PostgreSQL: from the column's sequence) and rows go in as
    /// multi-row <c>INSERT</c>s with parameters made by EF's own type mappings, about three times faster than tracked inserts.
    /// </remarks>
    public async Task AddAsync(IReadOnlyList<KnownHash> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await LockAsync(ct);
        var ids = await AllocateIdsAsync(entries.Count, ct);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Id = ids[i];
        }

        var insert = KnownHashInsert.For(db);
        for (var start = 0; start < entries.Count; start += KnownHashInsert.RowsPerStatement)
        {
            await insert.ExecuteAsync(db, entries.Skip(start).Take(KnownHashInsert.RowsPerStatement).ToList(), ct);
        }
    }

    /// <summary>
    /// Adds list entries (a federated or NCMEC page's) as they are, in the caller's transaction, which must be open; the rows
    /// added, in the same order, with their ids.
    /// </summary>
    public async Task<IReadOnlyList<KnownHash>> AddAsync(Guid listId, IReadOnlyList<HashListEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var now = time.GetUtcNow();
        var rows = entries.Select(e => new KnownHash
        {
            HashListId = listId,
            Md5 = e.Md5,
            Sha1 = e.Sha1,
            Sha256 = e.Sha256,
            Pdq = e.Pdq?.ToString(),
            PdqQuality = e.PdqQuality,
            Vpdq = e.Vpdq,
            PhotoDna = e.PhotoDna,
            Category = e.Category,
            SourceId = e.SourceId,
            Jurisdiction = e.Jurisdiction,
            AgeGroup = e.AgeGroup,
            Gender = e.Gender,
            Flags = e.Flags,
            AddedAt = now,
        }).ToList();
        await AddAsync(rows, ct);
        return rows;
    }

    /// <summary>
    /// Merges a batch of an import's entries into a list in the caller's transaction, which must be
    /// open: entries whose hashes and category equal a live entry are left as they are; with another category the live
    /// one is tombstoned for <paramref name="replacedBecause"/> and the new one added. <paramref name="entries"/> must
    /// be distinct by their hashes.
    /// </summary>
    /// <remarks>Set-based through a staging table (<see cref="KnownHashMerge"/>): the import's hot path.</remarks>
    internal async Task<KnownHashMergeResult> MergeAsync(
        Guid listId, Guid? importId, IReadOnlyList<HashListEntry> entries, string replacedBecause, Guid? by, CancellationToken ct)
    {
        await LockAsync(ct);
        var merged = await KnownHashMerge.MergeAsync(db, listId, importId, entries, time.GetUtcNow(), ct);
        foreach (var replaced in merged.Replaced)
        {
            await TombstoneAsync(replaced, replacedBecause, by, ct);
        }

        return merged;
    }

    /// <summary>
    /// Tombstones an entry in the caller's transaction, which must be open: it stops matching at the next lookup on
    /// every process and stays for the audit. It is announced (<see cref="KnownHashTombstoned"/>): classification
    /// withdraws the automatic decisions that rested on it, so their items return to the analysts' queues. False if
    /// it does not exist or already is.
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

        var now = time.GetUtcNow();
        entry.TombstonedAt = now;
        entry.TombstoneReason = reason.Length > 500 ? reason[..500] : reason;
        entry.TombstonedBy = userId;
        db.Add(new KnownHashRemoval { KnownHashId = knownHashId });
        await events.AnnounceAsync(new KnownHashTombstoned(knownHashId, now), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<long[]> AllocateIdsAsync(int count, CancellationToken ct)
    {
        if (db is PostgresClearlineDbContext)
        {
            return [.. await db.Database
                .SqlQuery<long>($"SELECT nextval(pg_get_serial_sequence('\"KnownHashes\"', 'Id')) AS \"Value\" FROM generate_series(1, {count}) ORDER BY 1")
                .ToListAsync(ct)];
        }

        // SQLite: the transaction holds the database's write lock (BEGIN IMMEDIATE), so nobody else takes these.
        var last = await db.Set<KnownHash>().MaxAsync(h => (long?)h.Id, ct) ?? 0;
        return [.. Enumerable.Range(1, count).Select(i => last + i)];
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
