using Clearline.Crawling;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.MediaItems;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Api;

/// <summary>A crawl's state and counts as the reports API and the report pages show them.</summary>
public static class CrawlStatus
{
    public static async Task<ReportsApi.CrawlResponse> OfAsync(ClearlineDbContext db, Crawl crawl, CancellationToken ct)
    {
        var urls = db.Set<CrawledUrl>().Where(u => u.CrawlId == crawl.Id);
        var counts = new
        {
            Urls = await urls.CountAsync(ct),
            Pages = await urls.CountAsync(u => u.BodySha256 != null, ct),
            Errors = await urls.CountAsync(u => u.State == UrlFetchState.Failed, ct),
            Media = await db.Set<MediaOccurrence>().Where(o => o.CrawlId == crawl.Id).Select(o => o.MediaSha256).Distinct().CountAsync(ct),
        };
        var job = await db.Set<Job>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == crawl.JobId, ct);

        // A crawl whose job ran out of attempts is failed, with the job's error (never a crawl stuck in "crawling").
        var failed = crawl.State == CrawlState.Failed || (crawl.State != CrawlState.Completed && job?.State == JobState.Failed);
        var state = failed ? CrawlState.Failed : crawl.State;
        return new ReportsApi.CrawlResponse(state.ToString().ToLowerInvariant(), crawl.StartedAt, crawl.CompletedAt, counts.Pages, counts.Media,
            counts.Urls, counts.Errors, crawl.LimitReason, crawl.Error ?? (failed ? job?.LastError : null));
    }
}
