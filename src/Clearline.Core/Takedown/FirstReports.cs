using Clearline.Crawling;
using Clearline.Reports;
using Clearline.Routing;

namespace Clearline.Takedown;

/// <summary>When the network first heard of a content URL: where time to removal starts.</summary>
/// <remarks>
/// Reads reports and crawled URLs of every hotline past the tenant filter, and returns only a time: the earliest
/// received-at among the reports whose crawl found the same URL, and at least the route's own report.
/// </remarks>
internal static class FirstReports
{
    public static async Task<DateTimeOffset> ReceivedAtAsync(ClearlineDbContext db, ContentRoute route, CancellationToken ct)
    {
        var url = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == route.CrawledUrlId).Select(u => u.Url).FirstAsync(ct);
        var received = await db.Set<CrawledUrl>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Url == url || u.Id == route.CrawledUrlId)
            .Join(db.Set<Report>().IgnoreQueryFilters(), u => u.ReportId, r => r.Id, (u, r) => r.ReceivedAt)
            .ToListAsync(ct);
        return received.Min();
    }
}
