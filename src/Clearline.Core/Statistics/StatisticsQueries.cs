using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Statistics;

/// <summary>
/// Computes the figures of <see cref="StatisticsFigures"/> in the database: counts and groupings in SQL, and the
/// median and 90th percentile of time to removal by nearest rank (<see cref="NearestRank"/>), read as the one row at
/// that rank, so they are exact on both providers.
/// </summary>
/// <remarks>
/// <para>Only inserted reports count (<see cref="ReportTriages.Inserted"/>): a public report's URL counts once an analyst
/// accepted it, never while pending or once closed; public reports themselves are counted apart
/// (<see cref="PublicReportStatistics"/>).</para>
/// <para>The period filters reports by received-at; everything else follows from those reports: their content URLs,
/// the items there, the routes of those URLs and their takedowns. A hotline's scope is the reports it received, so
/// its flat figures leave out content other hotlines reported and routed to it; that content is in the network's
/// figures and in the hotline's <see cref="StatisticsFigures.AssignedTakedown"/>, which counts the routes assigned to
/// it (content hosted in its country) whose report, by any member, was received in the period. Those routes are
/// visible to the hotline anyway (<see cref="RouteAccess"/>), and only their aggregates leave this class.</para>
/// <para>An item's <em>deciding</em> classification is its current one of the highest verdict (Baseline, then
/// National, then Not illegal), the latest if several; its verdict, source, age group and gender are counted.</para>
/// <para>The queries bypass the tenant filter on purpose, so the network's figures can count every member's reports
/// and the figures are the same from the web and the command line; the scope's own filter is applied instead, and
/// only aggregates leave this class.</para>
/// </remarks>
public sealed class StatisticsQueries(ClearlineDbContext db, RouteOutcomeQueries outcomes, PublicReportStatistics publicReports)
{
    /// <summary>How many hosting countries are named; the rest are counted as <see cref="OtherCountries"/>.</summary>
    public const int TopCountries = 10;

    public const string OtherCountries = "other";

    public const string UnknownCountry = "unknown";

    /// <summary>The figures of the request's scope and period, with their trend per week or month (<see cref="StatisticsRequest.Interval"/>).</summary>
    public async Task<StatisticsFigures> ComputeAsync(StatisticsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var figures = await ComputeAsync(request.Scope, request.Period.From, request.Period.To, ct);
        var minimum = request.Scope.OrganisationId is null ? StatisticsRequest.MinimumNetworkPeriod : TimeSpan.Zero;
        var trend = new List<StatisticsTrendPoint>();
        foreach (var bucket in StatisticsIntervals.Buckets(request.Period, request.Interval, minimum))
        {
            trend.Add(StatisticsTrendPoint.Of(await ComputeAsync(request.Scope, bucket.From, bucket.To, ct)));
        }

        return figures with
        {
            Interval = StatisticsIntervals.Name(request.Interval),
            Trend = trend,
            PublicReports = await publicReports.ComputeAsync(request.Scope, request.Period.From, request.Period.To, ct),
        };
    }

    /// <summary>The figures of <paramref name="scope"/> for the reports received in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<StatisticsFigures> ComputeAsync(StatisticsScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var received = db.Set<Report>().IgnoreQueryFilters().AsNoTracking().Where(ReportTriages.Inserted).Where(r => r.ReceivedAt >= from && r.ReceivedAt < to);
        var reports = scope.OrganisationId is { } organisation ? received.Where(r => r.OrganisationId == organisation) : received;
        var reportIds = reports.Select(r => r.Id);
        var contentUrls = db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Content == UrlContent.Media && reportIds.Contains(u.ReportId));
        var items = contentUrls.Where(u => u.MediaSha256 != null).Select(u => u.MediaSha256!).Distinct();
        var routes = db.Set<ContentRoute>().AsNoTracking();

        var siteTypes = await reports.GroupBy(r => r.SiteType).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var countries = await contentUrls.GroupBy(u => u.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var decisions = await DecidingClassificationsAsync(items, ct);
        var illegal = decisions.Where(d => d.Verdict != Verdict.NotIllegal).ToList();
        var own = routes.Where(r => reportIds.Contains(r.ReportId));
        var takedown = await TakedownAsync(Noticed(own), ct);
        var removedTimes = await Noticed(own).Where(t => t.TimeToRemoval != null).Select(t => t.TimeToRemoval!.Value).ToListAsync(ct);
        var receivedIds = received.Select(r => r.Id);
        var assigned = scope.OrganisationId is { } hotline
            ? routes.Where(r => r.AssignedOrganisationId == hotline && receivedIds.Contains(r.ReportId))
            : null;
        var assignedTakedown = assigned is null ? null : await TakedownAsync(Noticed(assigned), ct);
        return new StatisticsFigures(
            scope.Name,
            from,
            to,
            siteTypes.Sum(s => s.Count),
            countries.Sum(c => c.Count),
            await items.CountAsync(ct),
            decisions.Count,
            decisions.Count(d => d.Verdict == Verdict.Baseline),
            decisions.Count(d => d.Verdict == Verdict.National),
            decisions.Count(d => d.Source == ClassificationSource.KnownMaterial),
            decisions.Count(d => d.Source == ClassificationSource.Analyst),
            HostingCountries([.. countries.Select(c => (c.Key, c.Count))]),
            Buckets(siteTypes.Select(s => (s.Key.ToString(), s.Count))),
            Buckets(illegal.GroupBy(d => d.AgeGroup).Select(g => (g.Key.ToString(), g.Count()))),
            Buckets(illegal.GroupBy(d => d.Gender).Select(g => (g.Key.ToString(), g.Count()))),
            takedown.RoutesWithNotice,
            takedown.RoutesRemoved,
            takedown.RemovedWithinThreeDays,
            takedown.MedianTimeToRemoval,
            takedown.P90TimeToRemoval,
            assignedTakedown)
        {
            Outcomes = await outcomes.ComputeAsync(own, ct),
            AssignedOutcomes = assigned is null ? null : await outcomes.ComputeAsync(assigned, ct),
            TimeToRemoval = TimeToRemovalBins.Count(removedTimes),
        };
    }

    private sealed record Decision(string MediaSha256, Verdict Verdict, ClassificationSource Source, AgeGroup AgeGroup, Gender Gender, DateTimeOffset ClassifiedAt, Guid Id);

    /// <summary>One deciding classification per assessed item.</summary>
    private async Task<List<Decision>> DecidingClassificationsAsync(IQueryable<string> items, CancellationToken ct)
    {
        var current = await db.Set<MediaClassification>().AsNoTracking()
            .Where(c => c.SupersededAt == null && items.Contains(c.MediaSha256))
            .Select(c => new Decision(c.MediaSha256, c.Verdict, c.Source, c.AgeGroup, c.Gender, c.ClassifiedAt, c.Id))
            .ToListAsync(ct);
        return [.. current.GroupBy(d => d.MediaSha256, StringComparer.Ordinal)
            .Select(g => g.OrderBy(d => d.Verdict).ThenByDescending(d => d.ClassifiedAt).ThenByDescending(d => d.Id).First())];
    }

    /// <summary>The takedowns of <paramref name="routes"/> on which a notice was given to the host; withdrawn routes are not content to act on.</summary>
    private IQueryable<RouteTakedown> Noticed(IQueryable<ContentRoute> routes)
    {
        var routeIds = routes.Where(r => r.State != RouteState.Withdrawn).Select(r => r.Id);
        return db.Set<RouteTakedown>().AsNoTracking().Where(t => t.NoticeAt != null && routeIds.Contains(t.RouteId));
    }

    private static async Task<TakedownFigures> TakedownAsync(IQueryable<RouteTakedown> noticed, CancellationToken ct)
    {
        var removed = noticed.Where(t => t.TimeToRemoval != null);
        var quickLimit = (TimeSpan?)StatisticsFigures.QuickRemoval;
        var removedCount = await removed.CountAsync(ct);
        return new TakedownFigures(
            await noticed.CountAsync(ct),
            removedCount,
            await removed.CountAsync(t => t.TimeToRemoval <= quickLimit, ct),
            await AtRankAsync(removed, 50, removedCount, ct),
            await AtRankAsync(removed, 90, removedCount, ct));
    }

    private static async Task<TimeSpan?> AtRankAsync(IQueryable<RouteTakedown> removed, int percentile, int count, CancellationToken ct) =>
        count == 0 ? null
            : await removed.OrderBy(t => t.TimeToRemoval).Select(t => t.TimeToRemoval).Skip(NearestRank.Rank(percentile, count) - 1).FirstAsync(ct);

    private static List<StatisticsBucket> HostingCountries(List<(string? Code, int Count)> countries)
    {
        var known = countries.Where(c => c.Code is not null).OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var buckets = known.Take(TopCountries).Select(c => (c.Code!, c.Count)).ToList();
        buckets.Add((OtherCountries, known.Skip(TopCountries).Sum(c => c.Count)));
        buckets.Add((UnknownCountry, countries.Where(c => c.Code is null).Sum(c => c.Count)));
        return [.. buckets.Where(b => b.Item2 > 0).Select(b => new StatisticsBucket(b.Item1, b.Item2))];
    }

    /// <summary>Non-empty buckets, the largest first, then by key.</summary>
    private static List<StatisticsBucket> Buckets(IEnumerable<(string Key, int Count)> counts) =>
        [.. counts.Where(c => c.Count > 0).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new StatisticsBucket(c.Key, c.Count))];
}
