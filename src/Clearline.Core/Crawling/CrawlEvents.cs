namespace Clearline.Crawling;

/// <summary>
/// A crawl has fetched all it will: its content URLs, their evidence and hosting are recorded. Announced in the
/// unit of work that marks it completed (routing reacts).
/// </summary>
public sealed record CrawlCompleted(Guid CrawlId, Guid OrganisationId, Guid ReportId);

/// <summary>
/// Media items new to Clearline were stored, with their hashes, by a crawl. Announced in the unit of work that
/// stores them (matching against known material reacts).
/// </summary>
public sealed record MediaStored(IReadOnlyList<string> MediaSha256);
