using Clearline.Crawling;
using Clearline.MediaItems;

namespace Clearline.Reports;

/// <summary>A crawl's state and counts as the reports API and the report pages show them.</summary>
public sealed record CrawlProgress(
    CrawlState State, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, int PagesFetched, int MediaFound, int Urls, int Errors,
    string? LimitReason, string? Error);

/// <summary>One page of a hotline's reports, newest first.</summary>
public sealed record ReportListPage(IReadOnlyList<Report> Reports, bool HasNext);

/// <summary>One page of a hotline's reports, newest first by id; <c>NextCursor</c> is the last id of the page.</summary>
public sealed record ReportCursorPage(IReadOnlyList<Report> Reports, Guid? NextCursor);

/// <summary>Where a crawl found a media item: the URL its bytes came from and the page that linked it.</summary>
public sealed record MediaFoundAt(Guid UrlId, string Url, string? PageUrl, string? FoundIn);

/// <summary>A media item a report's crawl found, with every place it was found.</summary>
public sealed record ReportMedia(MediaItem Item, IReadOnlyList<MediaFoundAt> FoundAt);

/// <summary>One page of a report's media, by address; <c>NextCursor</c> is the last address of the page.</summary>
public sealed record ReportMediaPage(IReadOnlyList<ReportMedia> Items, string? NextCursor);

/// <summary>One page of the URLs a report's crawl fetched, by id.</summary>
public sealed record CrawledUrlPage(IReadOnlyList<CrawledUrl> Items, Guid? NextCursor);

/// <summary>A crawled URL with its latest re-checks, newest first.</summary>
public sealed record CrawledUrlDetail(CrawledUrl Url, IReadOnlyList<Recheck> Rechecks);
