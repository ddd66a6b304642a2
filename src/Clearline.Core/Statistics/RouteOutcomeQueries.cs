using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Statistics;

/// <summary>Computes <see cref="RouteOutcomeFigures"/> for a set of routes chosen by <see cref="StatisticsQueries"/>.</summary>
/// <remarks>
/// Reads routes, their takedowns and actions, and the receipt times of every report that found the same URL (past
/// the tenant filter, as <c>FirstReports</c> does for time to removal); only counts leave this class. Rows are read
/// per route and counted here, because the first report of a URL is the earliest of several reports, which neither
/// provider compares as a stored instant the same way.
/// </remarks>
public sealed class RouteOutcomeQueries(ClearlineDbContext db, HotlineDesignations designations)
{
    public async Task<RouteOutcomeFigures> ComputeAsync(IQueryable<ContentRoute> routes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var rows = await routes.Select(r => new { r.Id, r.State, r.Verdict, r.CountryCode, r.CrawledUrlId }).ToListAsync(ct);
        var acting = rows.Where(r => r.State != RouteState.Withdrawn).ToList();
        if (acting.Count == 0)
        {
            return RouteOutcomeFigures.None with { RoutesWithdrawn = rows.Count };
        }

        var actingRoutes = routes.Where(r => r.State != RouteState.Withdrawn);
        var routeIds = actingRoutes.Select(r => r.Id);
        var actions = await db.Set<TakedownAction>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => routeIds.Contains(a.RouteId) && (a.Kind == TakedownActionKind.ReportedToLea || a.Kind == TakedownActionKind.NotIllegal))
            .Select(a => new { a.RouteId, a.Kind, a.At })
            .ToListAsync(ct);
        var takedowns = await db.Set<RouteTakedown>().AsNoTracking()
            .Where(t => t.NoticeAt != null && routeIds.Contains(t.RouteId))
            .Select(t => new { t.RouteId, t.RemovedAt, t.FirstReportedAt, t.TimeToRemoval })
            .ToListAsync(ct);
        var firstReports = await FirstReportsAsync(actingRoutes, ct);

        var referred = actions.Where(a => a.Kind == TakedownActionKind.ReportedToLea)
            .GroupBy(a => a.RouteId).ToDictionary(g => g.Key, g => g.Min(a => a.At));
        var closedNotIllegal = actions.Where(a => a.Kind == TakedownActionKind.NotIllegal).Select(a => a.RouteId).ToHashSet();
        var withHotline = (await designations.ListAsync(ct)).Select(d => d.CountryCode).ToHashSet(StringComparer.Ordinal);
        var countries = acting.Where(r => r.CountryCode is not null).GroupBy(r => r.CountryCode!, StringComparer.Ordinal)
            .Select(g => new StatisticsBucket(g.Key, g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Key, StringComparer.Ordinal)
            .ToList();
        return new RouteOutcomeFigures(
            acting.Count,
            rows.Count - acting.Count,
            referred.Count,
            acting.Count(r => referred.TryGetValue(r.Id, out var at) && firstReports.TryGetValue(r.CrawledUrlId, out var first)
                && at - first <= RouteOutcomeFigures.QuickReferral),
            takedowns.Count,
            takedowns.Count(t => t is { TimeToRemoval: not null, RemovedAt: { } removed, FirstReportedAt: { } first }
                && removed.UtcDateTime.Date == first.UtcDateTime.Date),
            acting.Count(r => r.Verdict == Verdict.National && closedNotIllegal.Contains(r.Id)),
            acting.Count(r => r.Verdict != Verdict.National && closedNotIllegal.Contains(r.Id)),
            [.. countries.Where(c => withHotline.Contains(c.Key))],
            [.. countries.Where(c => !withHotline.Contains(c.Key))],
            acting.Count(r => r.CountryCode is null));
    }

    /// <summary>Per crawled URL of <paramref name="routes"/>: the earliest receipt among the reports whose crawl found the same URL.</summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> FirstReportsAsync(IQueryable<ContentRoute> routes, CancellationToken ct)
    {
        var crawledIds = routes.Select(r => r.CrawledUrlId);
        var urls = db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking().Where(u => crawledIds.Contains(u.Id));
        var own = await urls.Select(u => new { u.Id, u.Url }).ToListAsync(ct);
        var texts = urls.Select(u => u.Url);
        var received = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => texts.Contains(u.Url))
            .Join(db.Set<Report>().IgnoreQueryFilters(), u => u.ReportId, r => r.Id, (u, r) => new { u.Url, r.ReceivedAt })
            .ToListAsync(ct);
        var earliest = received.GroupBy(x => x.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(x => x.ReceivedAt), StringComparer.Ordinal);
        return own.Where(u => earliest.ContainsKey(u.Url)).ToDictionary(u => u.Id, u => earliest[u.Url]);
    }
}
