using Clearline.PublicReporting;
using Clearline.Reports;

namespace Clearline.Statistics;

/// <summary>Computes <see cref="PublicReportFigures"/>: counts in SQL, the percentiles of time to insertion by nearest rank in memory.</summary>
/// <remarks>
/// Whether a URL is pending, accepted or closed is its report's <see cref="Report.Triage"/>; when and why is its
/// <see cref="PublicReportUrl"/>. Reads past the tenant filter, as <see cref="StatisticsQueries"/> does, applying the
/// scope's own filter instead; only aggregates leave this class (never a reference, a URL or what a reporter wrote).
/// </remarks>
public sealed class PublicReportStatistics(ClearlineDbContext db)
{
    public async Task<PublicReportFigures> ComputeAsync(StatisticsScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var received = db.Set<PublicReport>().IgnoreQueryFilters().AsNoTracking().Where(p => p.CreatedAt >= from && p.CreatedAt < to);
        var reports = scope.OrganisationId is { } organisation ? received.Where(p => p.OrganisationId == organisation) : received;
        var urls = reports.Join(db.Set<PublicReportUrl>().IgnoreQueryFilters(), p => p.Id, u => u.PublicReportId, (p, u) => new { p.CreatedAt, Url = u })
            .Join(db.Set<Report>().IgnoreQueryFilters(), x => x.Url.ReportId, r => r.Id, (x, r) => new { x.CreatedAt, x.Url.DecidedAt, x.Url.CloseReason, r.Triage });

        var count = await reports.CountAsync(ct);
        if (count == 0)
        {
            return PublicReportFigures.None;
        }

        var states = await urls.GroupBy(u => u.Triage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var reasons = await urls.Where(u => u.Triage == ReportTriage.Closed && u.CloseReason != null)
            .GroupBy(u => u.CloseReason!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var accepted = await urls.Where(u => u.Triage == ReportTriage.Accepted && u.DecidedAt != null)
            .Select(u => new { u.CreatedAt, DecidedAt = u.DecidedAt!.Value }).ToListAsync(ct);
        var times = accepted.Select(a => a.DecidedAt - a.CreatedAt).Order().ToList();
        int Of(ReportTriage triage) => states.FirstOrDefault(s => s.Key == triage)?.Count ?? 0;
        return new PublicReportFigures(
            count,
            states.Sum(s => s.Count),
            Of(ReportTriage.Accepted),
            Of(ReportTriage.Closed),
            Of(ReportTriage.Pending),
            AtRank(times, 50),
            AtRank(times, 90),
            [.. Enum.GetValues<TriageCloseReason>().Select(r => new StatisticsBucket(r.ToString(), reasons.FirstOrDefault(x => x.Key == r)?.Count ?? 0))]);
    }

    private static TimeSpan? AtRank(List<TimeSpan> sorted, int percentile) =>
        sorted.Count == 0 ? null : sorted[NearestRank.Rank(percentile, sorted.Count) - 1];
}
