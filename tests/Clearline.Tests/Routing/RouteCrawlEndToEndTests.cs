using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Tests.Crawling;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Routing;

/// <summary>
/// A crawl that completes routes nothing undecided; once the hotline decides its items illegal through the API, every
/// content URL gets a route, with no seeding in between.
/// </summary>
public sealed class RouteCrawlEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task CompletedCrawl_OfLoopbackSite_RoutesNothingUntilDecided_ThenOrphansEveryContentUrl(DatabaseProvider provider)
    {
        await using var site = await BenignSite.StartAsync();
        await using var app = await ClearlineTestApp.StartAsync(provider, CrawlPipelineTests.CrawlSettings());
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var key = await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead, ApiScopes.ReportsWrite, ApiScopes.RoutesRead, ApiScopes.AssessmentWrite);
        var reports = new ReportsClient(app.CreateClient(key));

        var reportId = await reports.SubmitAsync(site.Index);
        await reports.WaitForCrawlAsync(reportId);

        var contentUrls = (await reports.UrlsAsync(reportId))
            .Where(u => u.GetProperty("content").GetString() == "media")
            .Select(u => u.GetProperty("url").GetString())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(contentUrls);
        await WaitForJobsAsync(app, RouteCrawlJob.Kind);
        Assert.Empty(await WaitForRoutesAsync(reports.Http, 0));

        var items = (await reports.MediaAsync(reportId)).Select(m => m.GetProperty("sha256").GetString()).Distinct().ToList();
        var decided = await reports.Http.PostAsJsonAsync(new Uri("/api/v1/assessment/classifications", UriKind.Relative), new
        {
            items = items.Select(sha256 => new { sha256, verdict = "Baseline", ageGroup = "PrePubescent" }).ToArray(),
        }, Ct);
        await ProblemAssert.IsSuccessAsync(decided);
        var routes = await WaitForRoutesAsync(reports.Http, contentUrls.Count);
        Assert.Equal(contentUrls, routes.Select(r => r.GetProperty("url").GetString()).Order(StringComparer.Ordinal));
        Assert.All(routes, r =>
        {
            // 127.0.0.1 has no country: nobody's hotline, so the coordinator's queue.
            Assert.Equal("Orphaned", r.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("countryCode").ValueKind);
            Assert.Equal(reportId, r.GetProperty("reportId").GetGuid());
        });
    }

    /// <summary>Waits (bounded) until every job of the kind has run.</summary>
    private static async Task WaitForJobsAsync(ClearlineTestApp app, string kind)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AnyAsync(j => j.Kind == kind && j.State != JobState.Succeeded, Ct))
            || !await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AnyAsync(j => j.Kind == kind, Ct)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The {kind} job did not run in time.");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Polls the reported queue until the route-crawl job has routed <paramref name="expected"/> URLs (bounded).</summary>
    private static async Task<List<JsonElement>> WaitForRoutesAsync(HttpClient client, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/routes?queue=reported&limit=100", UriKind.Relative), Ct);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count >= expected)
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Only {items.Count} of {expected} content URLs were routed in time.");
            await Task.Delay(100, Ct);
        }
    }
}
