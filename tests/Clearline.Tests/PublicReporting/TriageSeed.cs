using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Clearline.Reports;
using Clearline.Tests.HashLists.Management;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// Public reports sent through the API (workers off: nothing is crawled), then their crawls' results written straight
/// into the database as the crawler and the matcher would leave them: benign made-up items, no network.
/// </summary>
internal static class TriageSeed
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A hotline and a client whose key may send public reports, read its reports and work its triage.</summary>
    public static async Task<(Organisation Hotline, HttpClient Client)> HotlineAsync(ClearlineTestApp app, string country = "NL")
    {
        var hotline = await app.CreateOrganisationAsync(country: country);
        return (hotline, app.CreateClient(await app.CreateApiKeyAsync(hotline,
            ApiScopes.ReportsRead, ApiScopes.ReportsWrite, ApiScopes.PublicReportsWrite, ApiScopes.TriageRead, ApiScopes.TriageWrite)));
    }

    /// <summary>Sends a public report and returns its reference.</summary>
    public static async Task<string> ReportAsync(HttpClient client, params string[] urls)
    {
        var body = new { urls, whatSeen = "pictures of a cat", whereFound = "a link in a chat" };
        var created = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.PostAsJsonAsync("/api/v1/public-reports", body, Ct))).RootElement;
        return created.GetProperty("reference").GetString()!;
    }

    /// <summary>The public report URL (the id triage names) made of <paramref name="url"/> by the organisation's public reports.</summary>
    public static Task<(Guid Id, Guid ReportId)> UrlAsync(ClearlineTestApp app, Guid organisationId, string url) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var row = await db.Set<PublicReportUrl>().Where(u => u.OrganisationId == organisationId)
                .Join(db.Set<Report>().Where(r => r.Url == url), u => u.ReportId, r => r.Id, (u, r) => new { u.Id, u.ReportId })
                .SingleAsync(Ct);
            return (row.Id, row.ReportId);
        });

    /// <summary>
    /// Ends the crawl of the report with <paramref name="url"/> (the organisation's) in <paramref name="state"/>, with a
    /// page fetched (or failed) and <paramref name="media"/> new items found on it; returns the items' addresses.
    /// </summary>
    public static Task<IReadOnlyList<string>> CrawledAsync(
        ClearlineTestApp app, Guid organisationId, string url, CrawlState state, int media, UrlFetchState page = UrlFetchState.Fetched) =>
        app.AsSystemAsync<IReadOnlyList<string>>(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var report = await db.Set<Report>().SingleAsync(r => r.OrganisationId == organisationId && r.Url == url && r.DuplicateOfReportId == null, Ct);
            var crawl = await db.Set<Crawl>().SingleAsync(c => c.ReportId == report.Id, Ct);
            crawl.State = state;

            // The intake put the reported URL in the crawl's frontier; the crawl fetched it (or failed to).
            var pageUrl = await db.Set<CrawledUrl>().SingleAsync(u => u.CrawlId == crawl.Id, Ct);
            pageUrl.State = page;
            pageUrl.Content = page == UrlFetchState.Fetched ? UrlContent.Page : UrlContent.Unknown;
            pageUrl.FetchedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
            var shas = new List<string>();
            for (var i = 0; i < media; i++)
            {
                var item = await HashListSeed.AddMediaAsync(sp, $"triage {Guid.NewGuid():N}");
                db.Add(new MediaOccurrence
                {
                    OrganisationId = organisationId, ReportId = report.Id, CrawlId = crawl.Id, CrawledUrlId = pageUrl.Id, MediaSha256 = item.Sha256,
                    FoundIn = "img@src", FoundAt = DateTimeOffset.UtcNow,
                });
                shas.Add(item.Sha256);
            }

            await db.SaveChangesAsync(Ct);
            return shas;
        });

    /// <summary>Puts the item on a network list whose category "1" an administrator mapped to Baseline, matched as the matcher would.</summary>
    public static Task<bool> OnBaselineListAsync(ClearlineTestApp app, string sha256) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var list = await HashListSeed.AddListAsync(sp, owner: null, HashListVisibility.Network);
            list.Mapping = new CategoryMapping(new Dictionary<string, CategoryRule> { ["1"] = new(CategoryOutcome.Baseline) });
            await db.SaveChangesAsync(Ct);
            var entry = (await HashListSeed.AddEntriesAsync(sp, list.Id, 1))[0];
            db.Add(new MediaMatch
            {
                MediaSha256 = sha256, HashListId = list.Id, KnownHashId = entry.Id, Hash = MatchedHash.Md5, Outcome = MatchOutcome.Recorded,
                MatchedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
            return true;
        });

    /// <summary>Records an analyst's decision in force on the item.</summary>
    public static Task<bool> DecidedAsync(ClearlineTestApp app, string sha256, Verdict verdict, string? jurisdiction) =>
        app.AsSystemAsync(async sp =>
        {
            var item = await sp.GetRequiredService<ClearlineDbContext>().Set<MediaItem>().SingleAsync(m => m.Sha256 == sha256, Ct);
            await HashListSeed.ClassifyAsync(sp, item, verdict, DateTimeOffset.UtcNow, jurisdiction);
            return true;
        });
}
