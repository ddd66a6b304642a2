using Clearline.Classification;
using Clearline.Crawling;
using Clearline.InvestigationHolds;
using Clearline.MediaItems;
using Clearline.Previews;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Storage;
using Clearline.Takedown;
using Microsoft.Extensions.Options;

namespace Clearline.Retention;

/// <summary>What one retention run would delete, by rule, and what holds kept from it.</summary>
/// <remarks>Each list is cut at <see cref="RetentionOptions.MaxItemsPerRun"/>; <see cref="MoreRemain"/> says the next run has more.</remarks>
public sealed record RetentionPlan(
    IReadOnlyList<string> MediaAfterFinalAction,
    IReadOnlyList<string> NotIllegalMedia,
    IReadOnlyList<Guid> ReporterData,
    int HeldMedia,
    int HeldReports,
    bool MoreRemain)
{
    /// <summary>Public reports whose reporter data is due (<see cref="PublicReportingOptions.ReporterDataRetention"/>); one of them held counts in <see cref="HeldReports"/>.</summary>
    public IReadOnlyList<Guid> PublicReporterData { get; init; } = [];
}

/// <summary>
/// The queries behind retention, across the features whose records say when content is done with: routes and their
/// takedowns (final action), decisions (not illegal), occurrences (found again), reports, and holds.
/// </summary>
/// <remarks>
/// Runs as the system, across every organisation: retention is the installation's rule, not one hotline's. Content
/// is content-addressed and shared, so an item goes only when every route of it is closed and no organisation holds it.
/// </remarks>
public sealed class RetentionCandidates(ClearlineDbContext db, PublicReporterData publicReporterData, IOptions<PublicReportingOptions> publicReporting)
{
    public async Task<RetentionPlan> PlanAsync(RetentionOptions options, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.MaxItemsPerRun;
        var held = await HeldAsync(now, ct);
        var more = false;

        List<string> afterFinal = [];
        List<string> notIllegal = [];
        List<Guid> reporter = [];
        var heldMedia = 0;
        var heldReports = 0;
        if (RetentionOptions.Cutoff(options.MediaAfterFinalAction, now) is { } finalCutoff)
        {
            var all = AfterFinalAction(finalCutoff);
            afterFinal = await NotHeld(all, held).OrderBy(s => s).Take(max + 1).ToListAsync(ct);
            heldMedia += await Held(all, held).CountAsync(ct);
        }

        if (RetentionOptions.Cutoff(options.NotIllegalItems, now) is { } notIllegalCutoff)
        {
            var all = NotIllegal(notIllegalCutoff);
            notIllegal = await NotHeld(all, held).OrderBy(s => s).Take(max + 1).ToListAsync(ct);
            heldMedia += await Held(all, held).Where(s => !afterFinal.Contains(s)).CountAsync(ct);
        }

        if (RetentionOptions.Cutoff(options.ReporterData, now) is { } reporterCutoff)
        {
            var all = ReporterData(reporterCutoff);
            reporter = await all.Where(id => !held.Reports.Contains(id)).OrderBy(id => id).Take(max + 1).ToListAsync(ct);
            heldReports = await all.Where(id => held.Reports.Contains(id)).CountAsync(ct);
        }

        var publicCutoff = now - publicReporting.Value.ReporterDataRetention;
        var publicUrls = db.Set<PublicReportUrl>().IgnoreQueryFilters();
        var publicDue = publicReporterData.Due(publicCutoff);
        var publicReporter = await publicDue.Where(p => !publicUrls.Any(u => u.PublicReportId == p.Id && held.Reports.Contains(u.ReportId)))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(max + 1).ToListAsync(ct);
        heldReports += await publicDue.CountAsync(p => publicUrls.Any(u => u.PublicReportId == p.Id && held.Reports.Contains(u.ReportId)), ct);

        more = afterFinal.Count > max || notIllegal.Count > max || reporter.Count > max || publicReporter.Count > max;
        var afterFinalSet = afterFinal.Take(max).ToHashSet(StringComparer.Ordinal);
        return new RetentionPlan(
            [.. afterFinalSet.Order(StringComparer.Ordinal)],
            [.. notIllegal.Take(max).Where(s => !afterFinalSet.Contains(s))],
            [.. reporter.Take(max)],
            heldMedia, heldReports, more)
        {
            PublicReporterData = [.. publicReporter.Take(max)],
        };
    }

    /// <summary>The blob addresses of the stored previews of these items.</summary>
    public async Task<IReadOnlyList<string>> PreviewBlobsAsync(IReadOnlyCollection<string> mediaSha256s, CancellationToken ct) =>
        await db.Set<MediaPreview>().AsNoTracking().Where(p => mediaSha256s.Contains(p.MediaSha256)).Select(p => p.BlobSha256).Distinct().ToListAsync(ct);

    /// <summary>
    /// Readable originals whose every route is closed (removed, unavailable, not illegal), with no action on any of
    /// them and no new find of the content since <paramref name="cutoff"/>.
    /// </summary>
    private IQueryable<string> AfterFinalAction(DateTimeOffset cutoff)
    {
        var routes = db.Set<ContentRoute>().Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), r => r.CrawledUrlId, u => u.Id, (r, u) => new { RouteId = r.Id, u.MediaSha256 })
            .Where(x => x.MediaSha256 != null);
        var takedowns = db.Set<RouteTakedown>();
        var open = routes.Where(x => !takedowns.Any(t => t.RouteId == x.RouteId
            && (t.State == TakedownState.Removed || t.State == TakedownState.Unavailable || t.State == TakedownState.NotIllegal))).Select(x => x.MediaSha256);
        var recentActions = routes.Join(db.Set<TakedownAction>(), x => x.RouteId, a => a.RouteId, (x, a) => new { x.MediaSha256, a.At })
            .Where(x => x.At > cutoff).Select(x => x.MediaSha256);
        return Readable()
            .Where(s => routes.Any(x => x.MediaSha256 == s))
            .Where(s => !open.Contains(s))
            .Where(s => !recentActions.Contains(s))
            .Where(s => !FoundSince(cutoff).Contains(s));
    }

    /// <summary>Readable originals whose every current decision is Not illegal and older than <paramref name="cutoff"/>, not found again since.</summary>
    private IQueryable<string> NotIllegal(DateTimeOffset cutoff)
    {
        var current = db.Set<MediaClassification>().Where(c => c.SupersededAt == null);
        return Readable()
            .Where(s => current.Any(c => c.MediaSha256 == s && c.Verdict == Verdict.NotIllegal))
            .Where(s => !current.Any(c => c.MediaSha256 == s && (c.Verdict != Verdict.NotIllegal || c.ClassifiedAt > cutoff)))
            .Where(s => !FoundSince(cutoff).Contains(s));
    }

    /// <summary>Reports received before <paramref name="cutoff"/> that still hold reporter data and have no open route.</summary>
    private IQueryable<Guid> ReporterData(DateTimeOffset cutoff)
    {
        var credentials = db.Set<ReportCredential>().IgnoreQueryFilters();
        var takedowns = db.Set<RouteTakedown>();
        var openRoutes = db.Set<ContentRoute>().Where(r => !takedowns.Any(t => t.RouteId == r.Id
            && (t.State == TakedownState.Removed || t.State == TakedownState.Unavailable || t.State == TakedownState.NotIllegal)));
        return db.Set<Report>().IgnoreQueryFilters()
            .Where(r => r.ReceivedAt < cutoff && (r.Memo != null || credentials.Any(c => c.ReportId == r.Id)))
            .Where(r => !openRoutes.Any(o => o.ReportId == r.Id))
            .Select(r => r.Id);
    }

    private IQueryable<string> Readable() =>
        db.Set<MediaBlob>().Where(b => b.ShreddedAt == null && db.Set<MediaItem>().Any(m => m.Sha256 == b.Sha256)).Select(b => b.Sha256);

    private IQueryable<string> FoundSince(DateTimeOffset cutoff) =>
        db.Set<MediaOccurrence>().IgnoreQueryFilters().Where(o => o.FoundAt > cutoff).Select(o => o.MediaSha256);

    private IQueryable<string> NotHeld(IQueryable<string> items, Holds held)
    {
        var occurrences = db.Set<MediaOccurrence>().IgnoreQueryFilters();
        return items.Where(s => !held.Media.Contains(s) && !occurrences.Any(o => o.MediaSha256 == s && held.ItemReports.Contains(o.ReportId)));
    }

    private IQueryable<string> Held(IQueryable<string> items, Holds held)
    {
        var occurrences = db.Set<MediaOccurrence>().IgnoreQueryFilters();
        return items.Where(s => held.Media.Contains(s) || occurrences.Any(o => o.MediaSha256 == s && held.ItemReports.Contains(o.ReportId)));
    }

    /// <summary>
    /// Every active hold of every organisation: the items held directly, the reports held, and the reports whose items
    /// are held (a held duplicate holds the items of the first report, which found them). An active investigation hold
    /// of a police unit holds its item too: the police may still need it as evidence when they let the host be notified.
    /// </summary>
    private async Task<Holds> HeldAsync(DateTimeOffset now, CancellationToken ct)
    {
        var active = await db.Set<LegalHold>().IgnoreQueryFilters().AsNoTracking().Where(h => h.LiftedAt == null)
            .Select(h => new { h.ReportId, h.MediaSha256 }).ToListAsync(ct);
        var investigated = await db.Set<InvestigationHold>().IgnoreQueryFilters().AsNoTracking().Where(h => h.LiftedAt == null && h.Until > now)
            .Select(h => h.MediaSha256).ToListAsync(ct);
        var media = active.Where(h => h.MediaSha256 is not null).Select(h => h.MediaSha256!).Concat(investigated).Distinct(StringComparer.Ordinal).ToList();
        var reports = active.Where(h => h.ReportId is not null).Select(h => h.ReportId!.Value).Distinct().ToList();
        var firsts = await db.Set<Report>().IgnoreQueryFilters().Where(r => reports.Contains(r.Id) && r.DuplicateOfReportId != null)
            .Select(r => r.DuplicateOfReportId!.Value).ToListAsync(ct);
        return new Holds(media, reports, [.. reports.Concat(firsts).Distinct()]);
    }

    private sealed record Holds(List<string> Media, List<Guid> Reports, List<Guid> ItemReports);
}
