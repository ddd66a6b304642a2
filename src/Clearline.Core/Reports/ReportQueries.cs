using Clearline.Crawling;
using Clearline.Jobs;
using Clearline.MediaItems;

namespace Clearline.Reports;

/// <summary>The read side of reports: a hotline's reports, their crawls, the URLs fetched and the media found.</summary>
/// <remarks>
/// Every read names the organisation asking, and matches only its own reports (and their crawled URLs and
/// occurrences); another organisation's report answers null, exactly like one that does not exist. The tenant
/// filter stays on underneath as the backstop.
/// </remarks>
public sealed class ReportQueries(ClearlineDbContext db, ReportStageQueries stages)
{
    public const int MaxPageSize = 1000;

    public Task<Report?> FindAsync(Guid organisationId, Guid reportId, CancellationToken ct) =>
        db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.OrganisationId == organisationId, ct);

    public Task<bool> IsOwnAsync(Guid organisationId, Guid reportId, CancellationToken ct) =>
        db.Set<Report>().AnyAsync(r => r.Id == reportId && r.OrganisationId == organisationId, ct);

    /// <summary>A page of the organisation's reports in <paramref name="filter"/>, newest first (page numbers from 1).</summary>
    public async Task<ReportListPage> ListAsync(Guid organisationId, ReportFilter filter, int pageNumber, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var reports = await Filtered(organisationId, filter)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize + 1).ToListAsync(ct);
        return new ReportListPage([.. reports.Take(pageSize)], reports.Count > pageSize);
    }

    /// <summary>The organisation's reports in <paramref name="filter"/>, newest first by id, after <paramref name="cursor"/> (the last id of a page).</summary>
    public async Task<ReportCursorPage> ListAfterAsync(Guid organisationId, ReportFilter filter, Guid? cursor, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var reports = await Filtered(organisationId, filter)
            .Where(r => cursor == null || r.Id.CompareTo(cursor.Value) < 0)
            .OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(ct);
        return new ReportCursorPage([.. reports.Take(limit)], reports.Count > limit ? reports[limit - 1].Id : null);
    }

    /// <summary>The stage of each report, by id (<see cref="ReportStageQueries"/>).</summary>
    public Task<IReadOnlyDictionary<Guid, ReportStage>> StagesAsync(IReadOnlyCollection<Guid> reportIds, CancellationToken ct) =>
        stages.StagesAsync(reportIds, ct);

    private IQueryable<Report> Filtered(Guid organisationId, ReportFilter filter)
    {
        var reports = db.Set<Report>().AsNoTracking().Where(r => r.OrganisationId == organisationId).Where(ReportTriages.Inserted);
        if (filter.Queue == ReportQueue.NoReference)
        {
            reports = reports.Where(r => r.HotlineReference == null || r.HotlineReference == "");
        }

        return stages.Filter(reports, filter);
    }

    /// <summary>The stored state of each report's crawl, by report id (a duplicate has none).</summary>
    public async Task<IReadOnlyDictionary<Guid, CrawlState>> CrawlStatesAsync(IReadOnlyList<Guid> reportIds, CancellationToken ct) =>
        await db.Set<Crawl>().AsNoTracking().Where(c => reportIds.Contains(c.ReportId)).ToDictionaryAsync(c => c.ReportId, c => c.State, ct);

    /// <summary>The state and counts of a report's crawl; null for a duplicate, which is not crawled.</summary>
    public async Task<CrawlProgress?> CrawlAsync(Report report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var crawl = await db.Set<Crawl>().AsNoTracking().FirstOrDefaultAsync(c => c.ReportId == report.Id, ct);
        if (crawl is null)
        {
            return null;
        }

        var urls = db.Set<CrawledUrl>().Where(u => u.CrawlId == crawl.Id);
        var count = await urls.CountAsync(ct);
        var pages = await urls.CountAsync(u => u.BodySha256 != null, ct);
        var errors = await urls.CountAsync(u => u.State == UrlFetchState.Failed, ct);
        var media = await db.Set<MediaOccurrence>().Where(o => o.CrawlId == crawl.Id).Select(o => o.MediaSha256).Distinct().CountAsync(ct);
        var job = await db.Set<Job>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == crawl.JobId, ct);

        // A crawl whose job ran out of attempts is failed, with the job's error (never a crawl stuck in "crawling").
        var failed = crawl.State == CrawlState.Failed || (crawl.State != CrawlState.Completed && job?.State == JobState.Failed);
        return new CrawlProgress(
            failed ? CrawlState.Failed : crawl.State, crawl.StartedAt, crawl.CompletedAt, pages, media, count, errors, crawl.LimitReason,
            crawl.Error ?? (failed ? job?.LastError : null));
    }

    /// <summary>The URLs the report's crawl fetched, by id after <paramref name="cursor"/>; null when the report is not the organisation's.</summary>
    public async Task<CrawledUrlPage?> UrlsAsync(Guid organisationId, Guid reportId, Guid? cursor, int limit, CancellationToken ct)
    {
        if (!await IsOwnAsync(organisationId, reportId, ct))
        {
            return null;
        }

        limit = Math.Clamp(limit, 1, MaxPageSize);
        var urls = await db.Set<CrawledUrl>().AsNoTracking()
            .Where(u => u.ReportId == reportId && u.OrganisationId == organisationId && (cursor == null || u.Id.CompareTo(cursor.Value) > 0))
            .OrderBy(u => u.Id).Take(limit + 1).ToListAsync(ct);
        return new CrawledUrlPage([.. urls.Take(limit)], urls.Count > limit ? urls[limit - 1].Id : null);
    }

    /// <summary>One of the organisation's crawled URLs with its latest 100 re-checks; null when it is not the organisation's.</summary>
    public async Task<CrawledUrlDetail?> UrlAsync(Guid organisationId, Guid urlId, CancellationToken ct)
    {
        var url = await db.Set<CrawledUrl>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == urlId && u.OrganisationId == organisationId, ct);
        if (url is null)
        {
            return null;
        }

        var rechecks = await db.Set<Recheck>().AsNoTracking().Where(r => r.CrawledUrlId == urlId).OrderByDescending(r => r.Id).Take(100).ToListAsync(ct);
        return new CrawledUrlDetail(url, rechecks);
    }

    /// <summary>The media the report's crawl found, by address after <paramref name="cursor"/>; null when the report is not the organisation's.</summary>
    public async Task<ReportMediaPage?> MediaAsync(Guid organisationId, Guid reportId, string? cursor, int limit, CancellationToken ct)
    {
        if (!await IsOwnAsync(organisationId, reportId, ct))
        {
            return null;
        }

        limit = Math.Clamp(limit, 1, MaxPageSize);
        var occurrences = db.Set<MediaOccurrence>().AsNoTracking().Where(o => o.ReportId == reportId && o.OrganisationId == organisationId);
        var shas = await occurrences.Select(o => o.MediaSha256).Distinct()
            .Where(s => cursor == null || string.Compare(s, cursor) > 0)
            .OrderBy(s => s).Take(limit + 1).ToListAsync(ct);
        var next = shas.Count > limit ? shas[limit - 1] : null;
        shas = [.. shas.Take(limit)];

        var items = await db.Set<MediaItem>().AsNoTracking().Where(m => shas.Contains(m.Sha256)).ToDictionaryAsync(m => m.Sha256, ct);
        var found = (await occurrences.Where(o => shas.Contains(o.MediaSha256))
            .Join(db.Set<CrawledUrl>(), o => o.CrawledUrlId, u => u.Id, (o, u) => new { o.MediaSha256, o.FoundIn, UrlId = u.Id, u.Url, u.FoundOnId })
            .ToListAsync(ct))
            .ToLookup(f => f.MediaSha256, StringComparer.Ordinal);
        var pageIds = found.SelectMany(f => f).Where(f => f.FoundOnId != null).Select(f => f.FoundOnId!.Value).Distinct().ToList();
        var pages = await db.Set<CrawledUrl>().AsNoTracking().Where(u => pageIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Url, ct);
        var media = shas.Select(sha => new ReportMedia(items[sha], [.. found[sha]
            .Select(f => new MediaFoundAt(f.UrlId, f.Url, f.FoundOnId is { } page ? pages.GetValueOrDefault(page) : null, f.FoundIn))])).ToList();
        return new ReportMediaPage(media, next);
    }
}
