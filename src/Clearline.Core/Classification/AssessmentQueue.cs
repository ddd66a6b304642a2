using Clearline.HashLists;
using Clearline.Matching;
using Clearline.MediaItems;
using Clearline.Videos;

namespace Clearline.Classification;

/// <summary>
/// A "probably known" hint for an analyst: the list, its category and how close the match is (for a video, the share
/// of its frames found in the known video, and of the known video's found in it).
/// </summary>
public sealed record ProbablyKnown(
    Guid MatchId, Guid HashListId, string HashListName, string? Category, MatchedHash Hash, int Distance, int Transform,
    double? QueryMatchPercent = null, double? ComparedMatchPercent = null);

/// <summary>One item waiting in a queue, with what an analyst needs beside its preview.</summary>
public sealed record QueuedItem(string MediaSha256, MediaFormat Format, bool IsVideo, int? Width, int? Height, DateTimeOffset FirstFoundAt);

/// <summary>A page of a queue; <see cref="NextCursor"/> continues it, null at the end.</summary>
public sealed record QueuePage(IReadOnlyList<QueuedItem> Items, string? NextCursor);

/// <summary>
/// What a hotline still has to assess: the media items its crawls found, or that were routed to it, that no
/// decision covers for it yet (<see cref="DecisionScope"/>) and that no analyst of it is waiting on a second
/// opinion for. A video waits outside the queue while its vPDQ is pending (<see cref="VideoHash.IsPending"/>), so that a
/// known video is recognised before anyone sees it; once hashed, or once hashing failed, it is in the queue.
/// </summary>
public sealed class AssessmentQueue(ClearlineDbContext db, FoundItems found, SecondOpinions secondOpinions)
{
    public const int MaxPageSize = 200;

    /// <summary>A page of the unassessed items, oldest found first, after <paramref name="cursor"/> (from a previous page).</summary>
    public async Task<Result<QueuePage>> PageAsync(HashListViewer viewer, string? countryCode, string? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (ItemCursor.Parse(cursor) is not var (afterTicks, afterSha))
        {
            return new InvalidError("cursor", "The cursor is not one this queue gave out; start again without one.");
        }

        var first = Unassessed(viewer, countryCode);
        if (afterSha is not null)
        {
            var after = new DateTimeOffset(afterTicks, TimeSpan.Zero);
            first = first.Where(g => g.At > after || (g.At == after && string.Compare(g.Sha256, afterSha) > 0));
        }

        var rows = await first
            .OrderBy(g => g.At).ThenBy(g => g.Sha256)
            .Take(Math.Clamp(limit, 1, MaxPageSize))
            .Join(db.Set<MediaItem>(), g => g.Sha256, m => m.Sha256, (g, m) => new { FirstFound = g.At, m.Sha256, m.Format, m.Width, m.Height })
            .ToListAsync(ct);
        var items = rows
            .OrderBy(r => r.FirstFound).ThenBy(r => r.Sha256, StringComparer.Ordinal)
            .Select(r => new QueuedItem(r.Sha256, r.Format, r.Format.IsVideo(), r.Width, r.Height, r.FirstFound))
            .ToList();
        var next = items.Count == Math.Clamp(limit, 1, MaxPageSize) ? Cursor(items[^1]) : null;
        return new QueuePage(items, next);
    }

    /// <summary>How many items wait in the queue, counting no further than <paramref name="atMost"/>.</summary>
    public Task<int> CountAsync(HashListViewer viewer, string? countryCode, int atMost, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfLessThan(atMost, 1);
        return Unassessed(viewer, countryCode).Take(atMost).CountAsync(ct);
    }

    /// <summary>The matches an analyst sees beside an item as "probably known", from lists visible to them, closest first.</summary>
    public async Task<IReadOnlyList<ProbablyKnown>> ProbablyKnownAsync(string mediaSha256, HashListViewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var rows = await db.Set<MediaMatch>().AsNoTracking()
            .Where(m => m.MediaSha256 == mediaSha256 && m.Outcome != MatchOutcome.Recorded && m.Review != MatchReview.Wrong)
            .Join(db.Set<HashList>().Where(HashListAccess.VisibleTo(viewer)), m => m.HashListId, l => l.Id, (m, l) => new { m, l.Name })
            .Join(db.Set<KnownHash>().Where(h => h.TombstonedAt == null), x => x.m.KnownHashId, h => h.Id, (x, h) => new { x.m, x.Name, h.Category })
            .ToListAsync(ct);
        return [.. rows
            .Select(r => new ProbablyKnown(
                r.m.Id, r.m.HashListId, r.Name, r.Category, r.m.Hash, r.m.Distance, r.m.Transform, r.m.QueryMatchPercent, r.m.ComparedMatchPercent))
            .OrderBy(p => p.Distance).ThenByDescending(p => p.QueryMatchPercent ?? 0).ThenBy(p => p.HashListName, StringComparer.Ordinal)];
    }

    /// <summary>Each item the queue holds, once, with when it was first found.</summary>
    private IQueryable<FirstFound> Unassessed(HashListViewer viewer, string? countryCode)
    {
        var covered = db.Set<MediaClassification>().Where(DecisionScope.Covers(db, viewer, countryCode));
        var waiting = secondOpinions.WaitingFor(viewer.OrganisationId);
        var mine = found.For(viewer.OrganisationId, viewer.Kind);
        var hashing = db.Set<VideoHash>().Where(v => v.HashedAt == null).Select(v => v.MediaSha256);
        return db.Set<MediaOccurrence>().IgnoreQueryFilters()
            .Where(o => mine.Contains(o.MediaSha256) && !hashing.Contains(o.MediaSha256))
            .Where(o => !covered.Any(c => c.MediaSha256 == o.MediaSha256) && !waiting.Contains(o.MediaSha256))
            .GroupBy(o => o.MediaSha256)
            .Select(g => new FirstFound { Sha256 = g.Key, At = g.Min(o => o.FoundAt) });
    }

    private static string Cursor(QueuedItem last) => ItemCursor.Format(last.FirstFoundAt, last.MediaSha256);

    /// <remarks>Set by an initialiser, not a constructor: EF Core translates the queries composed over it.</remarks>
    private sealed class FirstFound
    {
        public required string Sha256 { get; init; }

        public DateTimeOffset At { get; init; }
    }
}
