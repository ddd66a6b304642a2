using Clearline.Classification;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.LawEnforcement;
using Clearline.MediaItems;
using Clearline.Organisations;

namespace Clearline.Icse;

/// <summary>
/// INTERPOL's queue of material for ICSE: every item INTERPOL sees (<see cref="PortalAccess.ItemsFor"/>: Baseline and
/// National, network-wide), newest decision first, without the items already handed over in a batch or already held by
/// ICSE unless asked. Anyone else sees an empty queue.
/// </summary>
/// <remarks>
/// "In ICSE" is computed when asked, never stored: an item is in ICSE while an active <see cref="HashListKind.PoliceDatabase"/>
/// list holds a live entry, imported in ICSE's CSV format (<see cref="HashListFormat.IcseCsv"/>), with its MD5 or SHA-1.
/// Tombstoning the entry or disabling the list takes the mark away again.
/// </remarks>
public sealed class IcseQueue(ClearlineDbContext db, PortalAccess access)
{
    public const int MaxPageSize = 200;

    /// <summary>A page of the queue after <paramref name="cursor"/> (from a previous page).</summary>
    public async Task<Result<IcseQueuePage>> PageAsync(Officer officer, IcseQueueFilter filter, string? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(filter);
        if (ItemCursor.Parse(cursor) is not var (afterTicks, afterSha))
        {
            return new InvalidError("cursor", "The cursor is not one this queue gave out; start again without one.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return new InvalidError("limit", $"The limit must be between 1 and {MaxPageSize}.");
        }

        var rows = Rows(officer, filter);
        if (afterSha is not null)
        {
            var after = new DateTimeOffset(afterTicks, TimeSpan.Zero);
            rows = rows.Where(r => r.DecidedAt < after || (r.DecidedAt == after && string.Compare(r.Sha256, afterSha) < 0));
        }

        var items = await ReadAsync(rows, limit, ct);
        var next = items.Count == limit ? Cursor(items[^1]) : null;
        return new IcseQueuePage(items, next);
    }

    /// <summary>The first <paramref name="count"/> items of the queue, for a hand-off of "all up to N".</summary>
    internal Task<List<IcseQueueItem>> FirstAsync(Officer officer, IcseQueueFilter filter, int count, CancellationToken ct) =>
        ReadAsync(Rows(officer, filter), count, ct);

    /// <summary>The named items as the queue shows them (whatever the filter), for those <paramref name="officer"/> sees.</summary>
    internal Task<List<IcseQueueItem>> ItemsAsync(Officer officer, IReadOnlyCollection<string> sha256s, CancellationToken ct) =>
        ReadAsync(Rows(officer, new IcseQueueFilter(IncludeHandedOver: true, IncludeInIcse: true)).Where(r => sha256s.Contains(r.Sha256)), sha256s.Count, ct);

    /// <summary>The items handed over in any batch.</summary>
    internal IQueryable<string> HandedOver() => db.Set<IcseBatchItem>().Select(i => i.MediaSha256);

    /// <summary>The live ICSE entries: imported in ICSE's format into an active police-database list.</summary>
    internal IQueryable<KnownHash> IcseEntries()
    {
        var imports = db.Set<HashListImport>().Where(i => i.Format == HashListFormat.IcseCsv).Select(i => (Guid?)i.Id);
        var lists = db.Set<HashList>().Where(l => l.Active && l.Kind == HashListKind.PoliceDatabase).Select(l => l.Id);
        return db.Set<KnownHash>().Where(h => h.TombstonedAt == null && imports.Contains(h.ImportId) && lists.Contains(h.HashListId));
    }

    /// <summary>The items an ICSE list holds, among those <paramref name="officer"/> sees.</summary>
    internal IQueryable<string> InIcse(Officer officer)
    {
        var entries = IcseEntries();
        var visible = access.ItemsFor(officer);
        return db.Set<MediaItem>()
            .Where(m => visible.Contains(m.Sha256) && entries.Any(h => h.Md5 == m.Md5 || h.Sha1 == m.Sha1))
            .Select(m => m.Sha256);
    }

    private IQueryable<Row> Rows(Officer officer, IcseQueueFilter filter)
    {
        var visible = access.ItemsFor(officer);
        var handed = HandedOver();
        var entries = IcseEntries();
        var illegal = db.Set<MediaClassification>().AsNoTracking()
            .Where(c => c.SupersededAt == null && (c.Verdict == Verdict.Baseline || c.Verdict == Verdict.National));
        var newest = illegal.Where(c => visible.Contains(c.MediaSha256)
            && !illegal.Any(o => o.MediaSha256 == c.MediaSha256 && o.ClassifiedAt > c.ClassifiedAt));
        var rows =
            from c in newest
            join m in db.Set<MediaItem>().AsNoTracking() on c.MediaSha256 equals m.Sha256
            join o in db.Set<Organisation>().AsNoTracking() on c.OrganisationId equals o.Id into deciders
            from o in deciders.DefaultIfEmpty()
            select new Row
            {
                Sha256 = m.Sha256, Md5 = m.Md5, Sha1 = m.Sha1, Format = m.Format, Verdict = c.Verdict,
                Country = c.Verdict == Verdict.National ? c.Jurisdiction : o.CountryCode,
                AgeGroup = c.AgeGroup, Flags = c.Flags, DecidedAt = c.ClassifiedAt,
                InIcse = entries.Any(h => h.Md5 == m.Md5 || h.Sha1 == m.Sha1),
                HandedOver = handed.Contains(m.Sha256),
            };
        if (!filter.IncludeHandedOver)
        {
            rows = rows.Where(r => !r.HandedOver);
        }

        if (!filter.IncludeInIcse)
        {
            rows = rows.Where(r => !r.InIcse);
        }

        return rows;
    }

    private static async Task<List<IcseQueueItem>> ReadAsync(IQueryable<Row> rows, int limit, CancellationToken ct)
    {
        var read = await rows.OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Sha256).Take(limit).ToListAsync(ct);
        // Two current decisions of one item at the same instant (Baseline and a National one) would list it twice.
        return [.. read
            .DistinctBy(r => r.Sha256)
            .OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Sha256, StringComparer.Ordinal)
            .Select(r => new IcseQueueItem(r.Sha256, r.Md5, r.Sha1, r.Format, r.Verdict, r.Country, r.AgeGroup, r.Flags, r.DecidedAt, r.InIcse, r.HandedOver))];
    }

    private static string Cursor(IcseQueueItem last) => ItemCursor.Format(last.DecidedAt, last.MediaSha256);

    /// <remarks>Set by an initialiser, not a constructor: EF Core translates the queries composed over it.</remarks>
    private sealed class Row
    {
        public required string Sha256 { get; init; }

        public required string Md5 { get; init; }

        public required string Sha1 { get; init; }

        public MediaFormat Format { get; init; }

        public Verdict Verdict { get; init; }

        public string? Country { get; init; }

        public AgeGroup AgeGroup { get; init; }

        public ContentFlags Flags { get; init; }

        public DateTimeOffset DecidedAt { get; init; }

        public bool InIcse { get; init; }

        public bool HandedOver { get; init; }
    }
}
