using Clearline.HashLists.Formats;

namespace Clearline.HashLists.Import;

/// <summary>
/// The lines of one import transaction: its entries and errors, and the plan that de-duplicates the entries against
/// the list's live entries (and against each other: the last of two equal lines in a file wins).
/// </summary>
internal sealed class ImportBatch(Guid? importId, Guid listId, int capacity)
{
    private readonly List<HashListRecord.Entry> _entries = new(capacity);
    private readonly List<HashListRecord.Error> _errors = [];

    public IReadOnlyList<HashListRecord.Error> Errors => _errors;

    /// <summary>The last line of the batch: the import's progress once it is applied.</summary>
    public long LastLine { get; private set; }

    public bool IsFull => _entries.Count + _errors.Count >= capacity;

    public bool IsEmpty => _entries.Count + _errors.Count == 0;

    public void Add(HashListRecord record)
    {
        switch (record)
        {
            case HashListRecord.Entry entry:
                _entries.Add(entry);
                LastLine = Math.Max(LastLine, entry.Line);
                break;
            case HashListRecord.Error error:
                _errors.Add(error);
                LastLine = Math.Max(LastLine, error.Line);
                break;
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _errors.Clear();
    }

    /// <summary>Decides what the batch adds, replaces and leaves, reading only the live entries that share a hash with it.</summary>
    /// <remarks>
    /// Entries are looked up by one hash each (the first of SHA-256, MD5, SHA-1, PhotoDNA, PDQ, vPDQ), so every
    /// lookup uses an index but PDQ-only and vPDQ-only ones; equal entries share that hash, and the full identity is compared in memory.
    /// </remarks>
    public async Task<ImportPlan> PlanAsync(ClearlineDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var pending = new Dictionary<KnownHashIdentity, HashListEntry>();
        foreach (var entry in _entries)
        {
            pending[KnownHashIdentity.Of(entry.Value)] = entry.Value;
        }

        var live = await LiveAsync(db, pending.Values, ct);
        var added = new List<KnownHash>(pending.Count);
        var replaced = new List<long>();
        var unchanged = _entries.Count - pending.Count;
        foreach (var (identity, entry) in pending)
        {
            var same = live.Where(h => KnownHashIdentity.Of(h) == identity).ToList();
            if (same.Any(h => h.Category == entry.Category))
            {
                unchanged++;
                continue;
            }

            replaced.AddRange(same.Select(h => h.Id));
            added.Add(ToKnownHash(entry, now));
        }

        return new ImportPlan(added, replaced, unchanged);
    }

    private async Task<List<KnownHash>> LiveAsync(ClearlineDbContext db, IEnumerable<HashListEntry> entries, CancellationToken ct)
    {
        var list = db.Set<KnownHash>().AsNoTracking().Where(h => h.HashListId == listId && h.TombstonedAt == null);
        var live = new List<KnownHash>();
        foreach (var group in entries.Select(LookupKey).GroupBy(k => k.Column, k => k.Value))
        {
            var values = group.ToList();
            var query = group.Key switch
            {
                LookupColumn.Sha256 => list.Where(h => values.Contains(h.Sha256!)),
                LookupColumn.Md5 => list.Where(h => values.Contains(h.Md5!)),
                LookupColumn.Sha1 => list.Where(h => values.Contains(h.Sha1!)),
                LookupColumn.PhotoDna => list.Where(h => values.Contains(h.PhotoDna!)),
                LookupColumn.Pdq => list.Where(h => values.Contains(h.Pdq!)),
                LookupColumn.Vpdq => list.Where(h => values.Contains(h.Vpdq!)),
                _ => throw new InvalidOperationException("Unknown lookup column."),
            };
            live.AddRange(await query.ToListAsync(ct));
        }

        return live;
    }

    private static (LookupColumn Column, string Value) LookupKey(HashListEntry entry) => entry switch
    {
        { Sha256: { } sha256 } => (LookupColumn.Sha256, sha256),
        { Md5: { } md5 } => (LookupColumn.Md5, md5),
        { Sha1: { } sha1 } => (LookupColumn.Sha1, sha1),
        { PhotoDna: { } photoDna } => (LookupColumn.PhotoDna, photoDna),
        { Pdq: { } pdq } => (LookupColumn.Pdq, pdq.ToString()),
        { Vpdq: { } vpdq } => (LookupColumn.Vpdq, vpdq),
        _ => throw new InvalidOperationException("An entry without a hash reached the import; the importer turns those into line errors."),
    };

    private KnownHash ToKnownHash(HashListEntry entry, DateTimeOffset now) => new()
    {
        HashListId = listId,
        Md5 = entry.Md5,
        Sha1 = entry.Sha1,
        Sha256 = entry.Sha256,
        Pdq = entry.Pdq?.ToString(),
        PdqQuality = entry.PdqQuality,
        Vpdq = entry.Vpdq,
        PhotoDna = entry.PhotoDna,
        Category = entry.Category,
        SourceId = entry.SourceId,
        ImportId = importId,
        AddedAt = now,
    };
}

/// <summary>What one batch changes: entries to add, live entries they replace, and how many lines changed nothing.</summary>
internal sealed record ImportPlan(IReadOnlyList<KnownHash> Added, IReadOnlyList<long> Replaced, long Unchanged);

/// <summary>The one hash an entry is looked up by, in order of preference (the indexed, collision-free ones first).</summary>
internal enum LookupColumn
{
    Sha256,
    Md5,
    Sha1,
    PhotoDna,
    Pdq,

    /// <summary>A video known by its vPDQ alone (an HMA <c>vpdq</c> signal): compared as the stored text, unindexed.</summary>
    Vpdq,
}
