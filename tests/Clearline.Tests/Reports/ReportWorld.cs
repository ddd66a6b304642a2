using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Reports;

/// <summary>Intent methods for report-life tests: a reports client, a seeded report with an item found, its stage.</summary>
internal static class ReportWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client holding <paramref name="organisation"/>'s key for reading and writing reports.</summary>
    public static async Task<HttpClient> ReportsClientAsync(ClearlineTestApp app, Organisation organisation) =>
        app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.ReportsRead, ApiScopes.ReportsWrite));

    /// <summary>Seeds a report whose completed crawl found one item at one media URL, without any decision; returns the report and the item.</summary>
    public static Task<(Guid ReportId, string Sha256)> ReportWithUndecidedItemAsync(ClearlineTestApp app, Guid organisationId) => app.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClearlineDbContext>();
        var now = DateTimeOffset.UtcNow;
        var url = $"https://board.example/thread/{Guid.NewGuid():N}";
        var sha = SeededDecisions.NewSha256();
        var report = new Report { OrganisationId = organisationId, Url = url, NormalisedUrl = url, ReceivedAt = now, CreatedAt = now };
        var crawl = new Crawl { OrganisationId = organisationId, ReportId = report.Id, State = CrawlState.Completed, CreatedAt = now, CompletedAt = now };
        var media = new CrawledUrl
        {
            OrganisationId = organisationId, CrawlId = crawl.Id, ReportId = report.Id, Url = $"https://img.example/{sha[..8]}.png", Role = UrlRole.Media,
            State = UrlFetchState.Fetched, Content = UrlContent.Media, MediaSha256 = sha, CountryCode = "DE",
        };
        db.AddRange(report, crawl, media);
        db.Add(new MediaItem { Sha256 = sha, Md5 = sha[..32], Sha1 = sha[..40], Format = MediaFormat.Png, ByteLength = 100, FirstSeenAt = now });
        db.Add(new MediaOccurrence { OrganisationId = organisationId, ReportId = report.Id, CrawlId = crawl.Id, CrawledUrlId = media.Id, MediaSha256 = sha, FoundAt = now });
        await db.SaveChangesAsync(Ct);
        return (report.Id, sha);
    });

    /// <summary>Records an analyst's decision on an item by <paramref name="organisationId"/>.</summary>
    public static Task<int> DecideAsync(ClearlineTestApp app, string sha256, Guid organisationId, Verdict verdict, string? jurisdiction = null) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            await SeededDecisions.AddAsync(db, sha256, organisationId, verdict, jurisdiction);
            return await db.SaveChangesAsync(Ct);
        });

    public static Task<Guid> ReportOfRouteAsync(ClearlineTestApp app, Guid routeId) => app.AsSystemAsync(sp =>
        sp.GetRequiredService<ClearlineDbContext>().Set<ContentRoute>().Where(r => r.Id == routeId).Select(r => r.ReportId).SingleAsync(Ct));

    public static async Task<JsonElement> ReportAsync(HttpClient client, Guid reportId) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri($"/api/v1/reports/{reportId}", UriKind.Relative), Ct))).RootElement;

    /// <summary>The report's (stage, status) as the API gives them.</summary>
    public static async Task<(string? Stage, string? Status)> StageAsync(HttpClient client, Guid reportId)
    {
        var report = await ReportAsync(client, reportId);
        return (report.GetProperty("stage").GetString(), report.GetProperty("status").GetString());
    }

    /// <summary>Every report id of a filtered list, walking the cursor in small pages.</summary>
    public static async Task<List<Guid>> ListAsync(HttpClient client, string query)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var path = $"/api/v1/reports?{query}&limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var page = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct))).RootElement;
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }
}
