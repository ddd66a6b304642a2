using Clearline.Crawling;
using Clearline.Database;
using Clearline.MediaItems;
using Clearline.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Classification;

/// <summary>Seeds what a completed crawl leaves behind: a report, a crawl and a media URL where an item was found.</summary>
internal static class FoundSeed
{
    /// <summary>Records that <paramref name="organisationId"/>'s crawl found the stored item <paramref name="mediaSha256"/>; returns the occurrence.</summary>
    public static async Task<MediaOccurrence> FoundAsync(IServiceProvider services, Guid organisationId, string mediaSha256)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        var now = DateTimeOffset.UtcNow;
        // Each report its own page: the network keeps one first report per URL.
        var page = $"https://gallery.example/{Guid.NewGuid():N}";
        var report = new Report { OrganisationId = organisationId, Url = page, NormalisedUrl = page, ReceivedAt = now, CreatedAt = now };
        var crawl = new Crawl { OrganisationId = organisationId, ReportId = report.Id, State = CrawlState.Completed, CreatedAt = now, CompletedAt = now };
        var url = new CrawledUrl
        {
            OrganisationId = organisationId,
            CrawlId = crawl.Id,
            ReportId = report.Id,
            Url = $"https://img.example/{Guid.NewGuid():N}.jpg",
            Role = UrlRole.Media,
            State = UrlFetchState.Fetched,
            Content = UrlContent.Media,
            CountryCode = "NL",
        };
        var occurrence = new MediaOccurrence
        {
            OrganisationId = organisationId,
            ReportId = report.Id,
            CrawlId = crawl.Id,
            CrawledUrlId = url.Id,
            MediaSha256 = mediaSha256,
            FoundIn = "img@src",
            FoundAt = now,
        };
        db.AddRange(report, crawl, url, occurrence);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return occurrence;
    }
}
