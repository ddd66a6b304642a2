
namespace Clearline.Audit;

/// <summary>Appends entries to the hash-chained audit trail.</summary>
/// <remarks>
/// <para>Appends are serialised so the chain never forks: within a process by a lock, across processes by the
/// database (PostgreSQL: a transaction-scoped advisory lock; SQLite: <c>BEGIN IMMEDIATE</c>, which takes the
/// database write lock). The primary key on <see cref="AuditEntry.Sequence"/> is the last line: two writers
/// that somehow read the same head cannot both insert.</para>
/// <para>Every entry is sealed as it is appended (<see cref="AuditSealer"/>), in the same transaction, so the seals
/// and the chain never disagree except where someone without the key-encryption key rewrote the database.</para>
/// <para>If the caller has a transaction open on the context, the entry joins it, so an audited change and its
/// entry commit or roll back together. The append saves the context, so pending changes are saved with it.</para>
/// <para>An append outside a transaction, with nothing else pending on the context (a hash check's), is group
/// committed (<see cref="AuditAppendQueue"/>): the appender holding the turn appends every event waiting in this
/// process in one transaction, so concurrent appenders share one lock, one head read and one commit. Each still
/// returns only once its own event is committed; the turn is never given up halfway, so the holder writes the others'
/// events even if its own request is cancelled.</para>
/// </remarks>
public sealed class AuditTrail(ClearlineDbContext db, UnitOfWork work, AuditSealer sealer, AuditAppendQueue queue, TimeProvider time)
{
    /// <summary>The single-bigint advisory key ("ClAudit\0"); other features use the two-int key space.</summary>
    internal const long AdvisoryLockKey = 0x436C_4175_6469_7400;

    private static readonly SemaphoreSlim ProcessLock = new(1, 1);

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Validate(auditEvent);
        if (db.Database.CurrentTransaction is not null)
        {
            // The caller's transaction may already hold the database lock; taking the process lock here could
            // wait on an appender that is itself waiting for that transaction.
            await AppendInTransactionAsync([auditEvent], ct);
            return;
        }

        if (db.ChangeTracker.HasChanges())
        {
            // The caller's pending changes are saved with its own entry, so it appends alone.
            await ProcessLock.WaitAsync(ct);
            try
            {
                await using var transaction = await work.BeginAsync(ct);
                await AppendInTransactionAsync([auditEvent], ct);
                await transaction.CommitAsync(ct);
            }
            finally
            {
                ProcessLock.Release();
            }

            return;
        }

        await GroupCommitAsync(queue.Enqueue(auditEvent));
    }

    /// <summary>Waits for the turn, then appends what is waiting (its own event among it) until its own is committed.</summary>
    private async Task GroupCommitAsync(PendingAudit own)
    {
        await queue.Turn.WaitAsync(CancellationToken.None);
        try
        {
            while (!own.Committed.Task.IsCompleted && queue.Take() is { Count: > 0 } batch)
            {
                try
                {
                    await using var transaction = await work.BeginAsync(CancellationToken.None);
                    await AppendInTransactionAsync([.. batch.Select(p => p.Event)], CancellationToken.None);
                    await transaction.CommitAsync(CancellationToken.None);
                    batch.ForEach(p => p.Committed.TrySetResult());
                }
                catch (Exception failure)
                {
                    batch.ForEach(p => p.Committed.TrySetException(failure));
                }
            }
        }
        finally
        {
            queue.Turn.Release();
        }

        await own.Committed.Task;
    }

    private async Task AppendInTransactionAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        if (db is PostgresClearlineDbContext)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }

        var head = await db.Set<AuditEntry>().AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);
        var (sequence, previous) = (head?.Sequence ?? 0, head?.Hash ?? AuditEntry.GenesisHash);
        var added = new List<object>(events.Count * 2);
        foreach (var e in events)
        {
            var entry = Entry(e, ++sequence, previous);
            previous = entry.Hash;
            added.Add(entry);
            added.Add(sealer.Seal(entry.Sequence, entry.Hash, entry.Timestamp));
        }

        db.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            foreach (var row in added)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private AuditEntry Entry(AuditEvent e, long sequence, string previousHash)
    {
        var draft = new AuditEntry
        {
            Sequence = sequence,
            Timestamp = AuditHash.Timestamp(time.GetUtcNow()),
            ActorKind = e.Actor.Kind,
            ActorId = AuditHash.Canonical(e.Actor.Id),
            OrganisationId = e.OrganisationId,
            Action = e.Action,
            Target = AuditHash.Canonical(e.Target),
            ClientIp = AuditHash.Canonical(e.ClientIp),
            // Cut before canonicalising: a surrogate pair split by the cut becomes U+FFFD, never a lone surrogate.
            Detail = AuditHash.Canonical(e.Detail is { Length: > AuditEntry.DetailMaxLength } ? e.Detail[..AuditEntry.DetailMaxLength] : e.Detail),
            PreviousHash = previousHash,
            Hash = string.Empty,
        };
        return WithHash(draft);
    }

    private static AuditEntry WithHash(AuditEntry d) => new()
    {
        Sequence = d.Sequence,
        Timestamp = d.Timestamp,
        ActorKind = d.ActorKind,
        ActorId = d.ActorId,
        OrganisationId = d.OrganisationId,
        Action = d.Action,
        Target = d.Target,
        ClientIp = d.ClientIp,
        Detail = d.Detail,
        PreviousHash = d.PreviousHash,
        Hash = AuditHash.Compute(d),
    };

    private static void Validate(AuditEvent e)
    {
        if (!Enum.IsDefined(e.Action))
        {
            throw new ArgumentException("Unknown audit action.", nameof(e));
        }

        if (e.Target is { Length: > AuditEntry.TargetMaxLength } || e.ClientIp is { Length: > AuditEntry.ClientIpMaxLength })
        {
            throw new ArgumentException("Audit target or client IP is too long.", nameof(e));
        }
    }
}
