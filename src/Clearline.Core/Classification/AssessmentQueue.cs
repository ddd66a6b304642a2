using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.MediaItems;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Classification;

/// <summary>A "probably known" hint for an analyst: the list, its category and how close the match is.</summary>
public sealed record ProbablyKnown(Guid MatchId, Guid HashListId, string HashListName, string? Category, MatchedHash Hash, int Distance, int Transform);

/// <summary>
/// What a hotline still has to assess: the media items its crawls found that no decision covers for it yet. A
/// decision covers a hotline when it holds network-wide (no jurisdiction: Baseline, or an automatic Not illegal)
/// or in the hotline's own country, and, for an automatic one, when the list it came from is visible to the
/// hotline (a police-only list does not classify for a hotline, nor reveal that it matched).
/// </summary>
public sealed class AssessmentQueue(ClearlineDbContext db)
{
    /// <summary>The unassessed items of the current tenant's crawls, oldest found first.</summary>
    public async Task<IReadOnlyList<string>> UnassessedAsync(HashListViewer viewer, string? countryCode, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var visibleLists = db.Set<HashList>().Where(HashListAccess.VisibleTo(viewer)).Select(l => l.Id);
        var covered = db.Set<MediaClassification>().Where(c =>
            c.SupersededAt == null
            && (c.Jurisdiction == null || c.Jurisdiction == countryCode)
            && (c.HashListId == null || visibleLists.Contains(c.HashListId.Value)));
        return await db.Set<MediaOccurrence>()
            .Where(o => !covered.Any(c => c.MediaSha256 == o.MediaSha256))
            .GroupBy(o => o.MediaSha256)
            .Select(g => new { Sha256 = g.Key, FirstFound = g.Min(o => o.FoundAt) })
            .OrderBy(g => g.FirstFound).ThenBy(g => g.Sha256)
            .Take(limit)
            .Select(g => g.Sha256)
            .ToListAsync(ct);
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
            .Select(r => new ProbablyKnown(r.m.Id, r.m.HashListId, r.Name, r.Category, r.m.Hash, r.m.Distance, r.m.Transform))
            .OrderBy(p => p.Distance).ThenBy(p => p.HashListName, StringComparer.Ordinal)];
    }
}
