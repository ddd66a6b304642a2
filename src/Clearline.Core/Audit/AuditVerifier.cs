
namespace Clearline.Audit;

public enum AuditBreakKind
{
    /// <summary>The entry's content no longer matches its hash.</summary>
    Modified,

    /// <summary>A sequence number is missing, or an entry does not follow the one before it.</summary>
    Deleted,

    /// <summary>The entry is intact but belongs elsewhere in the chain.</summary>
    Reordered,

    /// <summary>The chain ends before an anchor the operator recorded, or the anchored entry differs.</summary>
    Truncated,
}

/// <summary>The first broken link: the sequence number where the chain stops being trustworthy, and why.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind, string Reason);

/// <summary>A head recorded outside Clearline (e.g. from an earlier <c>clearline audit verify</c>).</summary>
public sealed record AuditAnchor(long Sequence, string Hash);

/// <summary>
/// The result of a verification: how many entries are intact, the head to record externally (sequence and hash
/// of the last intact entry; 0 and 64 zeros for an empty trail), and the first break if any.
/// </summary>
public sealed record AuditVerification(long IntactCount, long HeadSequence, string HeadHash, AuditBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;
}

/// <summary>
/// <c>clearline audit verify</c>: walks the chain in sequence order, one row at a time, and names the first
/// modified, deleted or reordered entry.
/// </summary>
/// <remarks>
/// A hash chain cannot reveal that its newest entries were cut off: the shortened chain is still a valid
/// chain. Operators close that gap by recording the printed head (sequence and hash) somewhere Clearline cannot
/// write, such as a ticket or a signed log, and verifying later against it with <see cref="VerifyAsync(AuditAnchor?, CancellationToken)"/>.
/// </remarks>
public sealed class AuditVerifier(ClearlineDbContext db)
{
    public Task<AuditVerification> VerifyAsync(CancellationToken ct) => VerifyAsync(null, ct);

    public async Task<AuditVerification> VerifyAsync(AuditAnchor? anchor, CancellationToken ct)
    {
        var previous = AuditEntry.GenesisHash;
        long expected = 1;
        AuditEntry? suspect = null;
        AuditBreak? found = null;
        var rows = db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var entry in rows.WithCancellation(ct))
        {
            if (entry.Sequence != expected)
            {
                found = new AuditBreak(expected, AuditBreakKind.Deleted, $"entry {expected} is missing; the next entry is {entry.Sequence}");
                break;
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal) || !HashMatches(entry))
            {
                suspect = entry;
                break;
            }

            if (anchor is not null && entry.Sequence == anchor.Sequence && !string.Equals(entry.Hash, anchor.Hash, StringComparison.OrdinalIgnoreCase))
            {
                found = new AuditBreak(entry.Sequence, AuditBreakKind.Truncated, $"entry {entry.Sequence} differs from the recorded anchor; the chain was rewritten from here or earlier");
                break;
            }

            previous = entry.Hash;
            expected++;
        }

        // Classify after the reader is closed: PostgreSQL allows one open command per connection.
        if (suspect is not null)
        {
            found = await ClassifyAsync(suspect, previous, ct);
        }

        var head = expected - 1;
        if (found is null && anchor is not null && head < anchor.Sequence)
        {
            found = new AuditBreak(head + 1, AuditBreakKind.Truncated, $"the chain ends at entry {head} but entry {anchor.Sequence} was recorded");
        }

        return new AuditVerification(head, head, previous, found);
    }

    private static bool HashMatches(AuditEntry entry) => string.Equals(AuditHash.Compute(entry), entry.Hash, StringComparison.Ordinal);

    private async Task<AuditBreak> ClassifyAsync(AuditEntry entry, string previous, CancellationToken ct)
    {
        var s = entry.Sequence;
        if (string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
        {
            return new AuditBreak(s, AuditBreakKind.Modified, $"entry {s} does not match its hash");
        }

        // The entry points at a predecessor that sits elsewhere in the chain: it was moved.
        var predecessor = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Hash == entry.PreviousHash && e.Sequence != s)
            .Select(e => (long?)e.Sequence)
            .FirstOrDefaultAsync(ct);
        if (predecessor is { } p)
        {
            return new AuditBreak(s, AuditBreakKind.Reordered, $"entry {s} was written after the entry now at {p}");
        }

        return HashMatches(entry)
            ? new AuditBreak(s, AuditBreakKind.Deleted, $"entry {s} does not follow entry {s - 1}: an entry between them was deleted, or entry {s - 1} was rewritten")
            : new AuditBreak(s, AuditBreakKind.Modified, $"entry {s} does not match its hash");
    }
}
