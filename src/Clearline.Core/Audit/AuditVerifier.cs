
namespace Clearline.Audit;

public enum AuditBreakKind
{
    /// <summary>The entry's content no longer matches its hash.</summary>
    Modified,

    /// <summary>A sequence number is missing, or an entry does not follow the one before it.</summary>
    Deleted,

    /// <summary>The entry is intact but belongs elsewhere in the chain.</summary>
    Reordered,

    /// <summary>The chain ends before an anchor the operator recorded or an entry that was sealed, or the anchored entry differs.</summary>
    Truncated,

    /// <summary>The entry no longer matches its seal, or its seal does not verify: rewritten by someone without the key.</summary>
    Forged,

    /// <summary>The entry has no seal although the entries before it were sealed: its seal was deleted or it was inserted.</summary>
    Unsealed,

    /// <summary>The entry's seal names a key-encryption key that is not in the key ring, so it cannot be checked.</summary>
    UnknownKey,
}

/// <summary>The first broken link: the sequence number where the chain stops being trustworthy, and why.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind, string Reason);

/// <summary>A head recorded outside Clearline (e.g. from an earlier <c>clearline audit verify</c>).</summary>
public sealed record AuditAnchor(long Sequence, string Hash);

/// <summary>
/// The result of a verification: how many entries are intact, the head to record externally (sequence and hash
/// of the last intact entry; 0 and 64 zeros for an empty trail), the first break if any, and how many entries
/// predate sealing (written before the upgrade that introduced seals; covered by the first seal through the chain).
/// </summary>
public sealed record AuditVerification(long IntactCount, long HeadSequence, string HeadHash, AuditBreak? FirstBreak, long PredateSealing = 0)
{
    public bool IsIntact => FirstBreak is null;
}

/// <summary>
/// <c>clearline audit verify</c>: walks the chain in sequence order, a page at a time, and names the first
/// modified, deleted, reordered, forged or unsealed entry.
/// </summary>
/// <remarks>
/// <para>Two checks per entry: the hash chain (each entry's hash covers its content and its predecessor's hash), and
/// its seal (<see cref="AuditSealer"/>): a MAC over the entry's sequence and hash under a key derived from a
/// key-encryption key the database never holds. Someone who can write the database can rewrite an entry and
/// re-hash every later one, so the chain alone passes; the seals cannot be re-made without the key, so the first
/// rewritten entry no longer matches its seal. Entries from before sealing existed are covered by the first
/// seal through the chain; from the first sealed entry on, every entry must carry a seal of its own.</para>
/// <para>Neither check can reveal that the newest entries were cut off together with their seals: the shortened
/// chain is still valid. Operators close that gap by recording the printed head (sequence and hash) somewhere
/// Clearline cannot write, such as a ticket or a signed log, and verifying later against it with
/// <see cref="VerifyAsync(AuditAnchor?, CancellationToken)"/>.</para>
/// </remarks>
public sealed class AuditVerifier(ClearlineDbContext db, AuditSealer sealer)
{
    private const int PageSize = 1000;

    public Task<AuditVerification> VerifyAsync(CancellationToken ct) => VerifyAsync(null, ct);

    public async Task<AuditVerification> VerifyAsync(AuditAnchor? anchor, CancellationToken ct)
    {
        var walk = new Walk(anchor, sealer);
        AuditEntry? suspect = null;
        while (walk.Found is null && suspect is null)
        {
            var last = walk.Expected - 1;
            var page = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > last)
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            var upTo = page[^1].Sequence;
            var seals = await db.Set<AuditSeal>().AsNoTracking().Where(s => s.Sequence > last && s.Sequence <= upTo).ToDictionaryAsync(s => s.Sequence, ct);
            suspect = walk.Check(page, seals);
        }

        if (suspect is not null)
        {
            walk.Found = await ClassifyAsync(suspect, walk.Previous, ct);
        }

        var head = walk.Expected - 1;
        if (walk.Found is null)
        {
            walk.Found = await TailBreakAsync(walk, head, anchor, ct);
        }

        return new AuditVerification(head, head, walk.Previous, walk.Found, walk.Sealed ? walk.PredateSealing : 0);
    }

    /// <summary>
    /// The cheap check for screens: the newest entry still matches its hash and carries a valid seal that matches it.
    /// A rewrite that re-hashed the chain changes the head, so it fails here too; only the full walk names where.
    /// </summary>
    public async Task<AuditHeadCheck> CheckHeadAsync(CancellationToken ct)
    {
        var head = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return new AuditHeadCheck(0, true, "The audit trail is empty.");
        }

        var seal = await db.Set<AuditSeal>().AsNoTracking().FirstOrDefaultAsync(s => s.Sequence == head.Sequence, ct);
        var reason = !HashMatches(head) ? $"entry {head.Sequence} does not match its hash"
            : seal is null ? $"entry {head.Sequence} carries no seal"
            : sealer.Check(seal) switch
            {
                AuditSealCheck.Valid when string.Equals(seal.HeadHash, head.Hash, StringComparison.Ordinal) => null,
                AuditSealCheck.Valid => $"entry {head.Sequence} no longer matches its seal",
                AuditSealCheck.Forged => $"the seal of entry {head.Sequence} does not verify",
                AuditSealCheck.UnknownKey => $"the seal of entry {head.Sequence} names key {seal.KeyId}, which is not in the key ring",
                _ => throw new InvalidOperationException("Unknown seal check result."),
            };
        return new AuditHeadCheck(head.Sequence, reason is null, reason ?? $"Entry {head.Sequence} matches its hash and its seal.");
    }

    private async Task<AuditBreak?> TailBreakAsync(Walk walk, long head, AuditAnchor? anchor, CancellationToken ct)
    {
        if (head > 0 && !walk.Sealed)
        {
            return new AuditBreak(1, AuditBreakKind.Unsealed,
                "no entry is sealed: the trail predates sealing (the next entry written seals it) or every seal was deleted");
        }

        var sealedBeyond = await db.Set<AuditSeal>().AsNoTracking().Where(s => s.Sequence > head).Select(s => (long?)s.Sequence).MinAsync(ct);
        if (sealedBeyond is not null)
        {
            return new AuditBreak(head + 1, AuditBreakKind.Truncated, $"the chain ends at entry {head} but entry {sealedBeyond} was sealed: the newest entries were removed");
        }

        return anchor is not null && head < anchor.Sequence
            ? new AuditBreak(head + 1, AuditBreakKind.Truncated, $"the chain ends at entry {head} but entry {anchor.Sequence} was recorded")
            : null;
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

    /// <summary>The state of one walk along the chain.</summary>
    private sealed class Walk(AuditAnchor? anchor, AuditSealer sealer)
    {
        public string Previous { get; private set; } = AuditEntry.GenesisHash;

        public long Expected { get; private set; } = 1;

        public AuditBreak? Found { get; set; }

        /// <summary>Whether an entry so far carried a seal: from then on, every entry must.</summary>
        public bool Sealed { get; private set; }

        public long PredateSealing { get; private set; }

        /// <summary>Checks a page; returns an entry whose chain link is broken (to classify), or sets <see cref="Found"/>.</summary>
        public AuditEntry? Check(List<AuditEntry> page, Dictionary<long, AuditSeal> seals)
        {
            foreach (var entry in page)
            {
                if (entry.Sequence != Expected)
                {
                    Found = new AuditBreak(Expected, AuditBreakKind.Deleted, $"entry {Expected} is missing; the next entry is {entry.Sequence}");
                    return null;
                }

                if (!string.Equals(entry.PreviousHash, Previous, StringComparison.Ordinal) || !HashMatches(entry))
                {
                    return entry;
                }

                Found = SealBreak(entry, seals.GetValueOrDefault(entry.Sequence)) ?? AnchorBreak(entry);
                if (Found is not null)
                {
                    return null;
                }

                Previous = entry.Hash;
                Expected++;
            }

            return null;
        }

        private AuditBreak? SealBreak(AuditEntry entry, AuditSeal? seal)
        {
            var s = entry.Sequence;
            if (seal is null)
            {
                if (Sealed)
                {
                    return new AuditBreak(s, AuditBreakKind.Unsealed, $"entry {s} carries no seal although the entries before it do: its seal was deleted or the entry was inserted without the key");
                }

                PredateSealing++;
                return null;
            }

            Sealed = true;
            return sealer.Check(seal) switch
            {
                AuditSealCheck.Valid when string.Equals(seal.HeadHash, entry.Hash, StringComparison.Ordinal) => null,
                AuditSealCheck.Valid => new AuditBreak(s, AuditBreakKind.Forged, $"entry {s} no longer matches its seal: it was rewritten (and the chain re-hashed) by someone without the key"),
                AuditSealCheck.Forged => new AuditBreak(s, AuditBreakKind.Forged, $"the seal of entry {s} does not verify: it was forged or altered"),
                AuditSealCheck.UnknownKey => new AuditBreak(s, AuditBreakKind.UnknownKey, $"the seal of entry {s} was made with key {seal.KeyId}, which is not in the key ring; add it back (Storage:PreviousKeyEncryptionKeys) to check it"),
                _ => throw new InvalidOperationException("Unknown seal check result."),
            };
        }

        private AuditBreak? AnchorBreak(AuditEntry entry) =>
            anchor is not null && entry.Sequence == anchor.Sequence && !string.Equals(entry.Hash, anchor.Hash, StringComparison.OrdinalIgnoreCase)
                ? new AuditBreak(entry.Sequence, AuditBreakKind.Truncated, $"entry {entry.Sequence} differs from the recorded anchor; the chain was rewritten from here or earlier")
                : null;
    }
}

/// <summary>The cheap head check: the newest entry's sequence, whether it matches its hash and seal, and in words.</summary>
public sealed record AuditHeadCheck(long HeadSequence, bool IsIntact, string Summary);
