using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Crawling;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Routing;

/// <summary>A crawl that completes queues its routing: every content URL gets a route, with no seeding in between.</summary>
public sealed class RouteCrawlEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task CompletedCrawl_OfLoopbackSite_OrphansEveryContentUrl(DatabaseProvider provider)
    {
        await using var site = await BenignSite.StartAsync();
        await using var app = await ClearlineTestApp.StartAsync(provider, CrawlPipelineTests.CrawlSettings());
        var hotline = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var key = await app.CreateApiKeyAsync(hotline, ApiScopes.ReportsRead, ApiScopes.ReportsWrite, ApiScopes.RoutesRead);
        var reports = new ReportsClient(app.CreateClient(key));

        var reportId = await reports.SubmitAsync(site.Index);
        await reports.WaitForCrawlAsync(reportId);

        var contentUrls = (await reports.UrlsAsync(reportId))
            .Where(u => u.GetProperty("content").GetString() == "media")
            .Select(u => u.GetProperty("url").GetString())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(contentUrls);
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
